using static Kring.Matching.Tests.Make;

namespace Kring.Matching.Tests;

public sealed class CandidateRankerTests
{
    private static readonly Availability Monday = new() { Slots = [March(1, 8, 18)] };

    private static GeoPoint East(double km) =>
        new(Elsloo.Lat, Elsloo.Lon + km / Elsloo.DistanceKm(new GeoPoint(Elsloo.Lat, Elsloo.Lon + 1)));

    private static VolunteerCandidate At(string id, double km, double hoursThisWeek = 0) => Volunteer(
        id: id, home: East(km), maxKm: 50, availability: Monday,
        commitments: hoursThisWeek == 0 ? [] : [March(3, 8, 8 + hoursThisWeek)]);

    private static string[] Order(HelpNeed need, params VolunteerCandidate[] volunteers) =>
        CandidateRanker.Rank(need, volunteers).Select(r => r.Volunteer.Id).ToArray();

    [Fact]
    public void Continuity_comes_first_even_when_farther_and_busier()
    {
        var previous = At("previous", km: 25, hoursThisWeek: 40); // scores 100 - 80 - 25 < 0
        var stranger = At("stranger", km: 0);
        Assert.Equal(["previous", "stranger"], Order(Need(previous: ["previous"]), stranger, previous));
    }

    [Fact]
    public void Most_recent_previous_helper_comes_first()
    {
        Assert.Equal(["recent", "earlier"], Order(Need(previous: ["recent", "earlier"]), At("earlier", 2), At("recent", 2)));
    }

    [Fact]
    public void Fewer_hours_this_week_come_first_at_equal_distance()
    {
        Assert.Equal(["idle", "busy"], Order(Need(), At("busy", 2, hoursThisWeek: 3), At("idle", 2)));
    }

    [Fact]
    public void Closer_comes_first_at_equal_hours()
    {
        Assert.Equal(["near", "far"], Order(Need(), At("far", 6), At("near", 1)));
    }

    [Fact]
    public void Ineligible_and_excluded_volunteers_are_left_out()
    {
        var ranked =
            CandidateRanker.Rank(Need(), [At("ok", 1), At("tried", 1), Volunteer(id: "driver", kinds: "transport")],
            new HashSet<string> { "tried" });
        Assert.Equal(["ok"], ranked.Select(r => r.Volunteer.Id));
    }
}
