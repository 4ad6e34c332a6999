using Kring.Matching.Planning;

namespace Kring.Matching.Tests;

public sealed class VolunteerIndexTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 4)]
    [InlineData(3, 30)]
    [InlineData(4, 400)]
    public void Finds_exactly_the_volunteers_that_pass_the_eligibility_check(int seed, double areaKm)
    {
        var instance = RandomInstance.Create(seed, volunteers: 150, needs: 200, areaKm);
        var graph = CandidateGraph.Build(instance.Volunteers, instance.Needs);
        for (var n = 0; n < instance.Needs.Count; n++)
        {
            var expected = Enumerable.Range(0, instance.Volunteers.Count)
                .Where(v => Eligibility.Check(instance.Volunteers[v], instance.Needs[n]) == Ineligibility.None);
            Assert.Equal(expected, graph.CandidatesOf(n).ToArray());
        }
        Assert.True(graph.EdgeCount > 0);
    }

    [Fact]
    public void Lists_needs_per_volunteer_as_the_reverse_of_candidates()
    {
        var instance = RandomInstance.Create(5, volunteers: 40, needs: 60);
        var graph = CandidateGraph.Build(instance.Volunteers, instance.Needs);
        for (var v = 0; v < instance.Volunteers.Count; v++)
        {
            var expected = Enumerable.Range(0, instance.Needs.Count).Where(n => graph.CandidatesOf(n).Contains(v));
            Assert.Equal(expected, graph.NeedsOf(v).ToArray());
        }
    }
}
