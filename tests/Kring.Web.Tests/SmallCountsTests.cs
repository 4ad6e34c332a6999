using Kring.Web.Reports;

namespace Kring.Web.Tests;

public sealed class SmallCountsTests
{
    private static string[] Shown(params int[] counts)
    {
        var hide = SmallCounts.HideInGroup(counts);
        return counts.Select((c, i) => SmallCounts.Label(c, hide[i])).ToArray();
    }

    [Fact]
    public void One_small_count_takes_the_smallest_count_of_five_or_more_with_it() =>
        Assert.Equal(["x", "<5", "20", "0"], Shown(17, 3, 20, 0));

    [Fact]
    public void Two_small_counts_are_not_left_to_add_up_on_their_own() =>
        Assert.Equal(["<5", "<5", "x", "9"], Shown(1, 1, 6, 9));

    [Fact]
    public void Groups_without_small_counts_and_groups_of_small_counts_only_keep_what_they_show()
    {
        Assert.Equal(["17", "5", "0"], Shown(17, 5, 0));
        Assert.Equal(["<5", "0", "<5"], Shown(3, 0, 2));
    }
}
