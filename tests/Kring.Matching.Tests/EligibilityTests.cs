using static Kring.Matching.Tests.Make;

namespace Kring.Matching.Tests;

/// <summary>One test per hard constraint: the baseline pair is eligible, and breaking just that rule is caught.</summary>
public sealed class EligibilityTests
{
    [Fact]
    public void Baseline_pair_is_eligible() => Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(), Need()));

    [Fact]
    public void Kind_must_be_offered() => Assert.Equal(Ineligibility.WrongKind, Eligibility.Check(Volunteer(), Need(kind: "transport")));

    [Fact]
    public void Every_needed_skill_is_required()
    {
        Assert.Equal(Ineligibility.MissingSkills, Eligibility.Check(Volunteer(), Need(needs: "dementia,wheelchair")));
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(skills: "dementia,wheelchair"), Need(needs: "dementia,wheelchair")));
    }

    [Fact]
    public void Window_must_lie_inside_one_slot()
    {
        var split = new Availability { Slots = [March(1, 9, 12), March(1, 12, 15)] };
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(), Need(window: March(1, 9, 12))));
        Assert.Equal(Ineligibility.NotAvailable, Eligibility.Check(Volunteer(), Need(window: March(1, 11, 12.5))));
        Assert.Equal(Ineligibility.NotAvailable, Eligibility.Check(Volunteer(availability: split), Need(window: March(1, 11, 13))));
    }

    [Fact]
    public void Weekly_slot_follows_Amsterdam_wall_clock_across_DST()
    {
        // Tuesday 14:00-17:00 local. 12:00-13:00 UTC is 13:00 in winter (23 March) but 14:00 in summer (30 March).
        var volunteer =
            Volunteer(availability: new Availability
            {
                Weekly = [new WeeklySlot(DayOfWeek.Tuesday, new TimeOnly(14, 0),
            new TimeOnly(17, 0))]
            });
        TimeWindow Utc(int day, int from) =>
            new(new DateTimeOffset(2027, 3, day, from, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2027, 3, day, from + 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(Ineligibility.NotAvailable, Eligibility.Check(volunteer, Need(window: Utc(23, 12))));
        Assert.Equal(Ineligibility.None, Eligibility.Check(volunteer, Need(window: Utc(30, 12))));
        Assert.Equal(Ineligibility.None, Eligibility.Check(volunteer, Need(window: Utc(23, 15))));
        Assert.Equal(Ineligibility.NotAvailable, Eligibility.Check(volunteer, Need(window: Utc(30, 15))));
    }

    [Fact]
    public void Distance_must_be_within_reach()
    {
        var distance = Stein.DistanceKm(Elsloo);
        Assert.InRange(distance, 2, 3);
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(maxKm: distance + 0.01), Need()));
        Assert.Equal(Ineligibility.TooFar, Eligibility.Check(Volunteer(maxKm: distance - 0.01), Need()));
    }

    [Fact]
    public void Commitments_may_not_overlap_but_may_touch()
    {
        Assert.Equal(Ineligibility.Overlap, Eligibility.Check(Volunteer(commitments: [March(1, 11, 12)]), Need()));
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(commitments: [March(1, 11.5, 12)]), Need()));
    }

    [Fact]
    public void Hours_per_ISO_week_are_capped()
    {
        // The need takes 1.5 h on Monday 1 March (week 9); the limit is 3 h.
        Assert.Equal(Ineligibility.HoursExceeded, Eligibility.Check(Volunteer(maxHoursPerWeek: 3, commitments: [March(3, 9, 11)]), Need()));
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(maxHoursPerWeek: 3.5, commitments: [March(3, 9, 11)]), Need()));
        Assert.Equal(Ineligibility.None,
            Eligibility.Check(Volunteer(maxHoursPerWeek: 3, commitments: [new TimeWindow(At(2027, 2, 28, 9), At(2027, 2, 28, 11))]),
            Need()));
    }

    [Fact]
    public void Week_is_taken_in_Amsterdam_time()
    {
        // Monday 00:30 in Amsterdam is still Sunday in UTC, yet it belongs to the week of Monday 1 March.
        var justAfterMidnight = new TimeWindow(At(2027, 3, 1, 0.5), At(2027, 3, 1, 2.5));
        Assert.Equal(DayOfWeek.Sunday, justAfterMidnight.Start.UtcDateTime.DayOfWeek);
        Assert.Equal(Ineligibility.HoursExceeded,
            Eligibility.Check(Volunteer(maxHoursPerWeek: 3, commitments: [justAfterMidnight]), Need()));
    }

    [Fact]
    public void Paused_volunteer_is_never_eligible() =>
        Assert.Equal(Ineligibility.Paused,
            Eligibility.Check(Volunteer(availability: new Availability { Slots = [March(1, 9, 12)], Paused = true }), Need()));

    [Fact]
    public void Day_off_blocks_that_day_only()
    {
        Availability Off(int day) => new() { Slots = [March(1, 9, 12), March(1, 20, 26)], DaysOff = [new DateOnly(2027, 3, day)] };
        Assert.Equal(Ineligibility.DayOff, Eligibility.Check(Volunteer(availability: Off(1)), Need()));
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(availability: Off(2)), Need()));
        // A visit ending at midnight does not touch the next day.
        Assert.Equal(Ineligibility.None, Eligibility.Check(Volunteer(availability: Off(2)), Need(window: March(1, 22, 24))));
        Assert.Equal(Ineligibility.DayOff, Eligibility.Check(Volunteer(availability: Off(2)), Need(window: March(1, 23, 25))));
    }
}
