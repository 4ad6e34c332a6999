using Kring.Balance;

namespace Kring.Hosting.Seeding;

/// <summary>A circle's made-up past: requests that closed and check-ins, before <see cref="DemoHistory.Months"/> ago.</summary>
public sealed record CirclePast(string CircleId, IReadOnlyList<PastRequest> Requests, IReadOnlyList<CheckIn> CheckIns);

/// <summary>
/// Six months of plausible history for the demo population, so that reports, the village page, the signals and the
/// charts have something to tell on first start. Deterministic for a seed and a day: every name and number is made up.
/// Most requests were completed, with the hours given; some expired with nobody free, some were cancelled. A few carers
/// slide towards overload in their check-ins, so the consultant's signals are not empty.
/// </summary>
public static class DemoHistory
{
    public const int Months = 6;
    private const double ShareWithRequests = 0.45;
    private const double ShareWithCheckIns = 0.35;
    private const double ShareSliding = 0.04;
    // Three and six months back: always the two quarters before this one, which is left for the partner to rate.
    private static readonly int[] RatedMonthsAgo = [6, 3];

    public static IReadOnlyList<CirclePast> Circles(
        DemoSeed seed, IReadOnlyList<CircleProfile> circles, IReadOnlyList<VolunteerProfile> volunteers, DateTimeOffset now)
    {
        var random = new Random(seed.Seed + 2);
        var byVillage = volunteers.GroupBy(v => v.HomeVillage).ToDictionary(g => g.Key, g => g.Select(v => v.Id).ToList());
        var everyone = volunteers.Select(v => v.Id).ToList();
        var pasts = new List<CirclePast>();
        foreach (var circle in circles)
        {
            var requests = random.NextDouble() < ShareWithRequests
                ? Requests(random, circle.Id, byVillage.GetValueOrDefault(circle.Village) ?? everyone, now) : [];
            var checkIns = random.NextDouble() < ShareWithCheckIns ? CheckIns(random, random.NextDouble() < ShareSliding, now) : [];
            if (requests.Count > 0 || checkIns.Count > 0) pasts.Add(new CirclePast(circle.Id, requests, checkIns));
        }
        return pasts;
    }

    /// <summary>One request a month on average, each on a day part the demo's volunteers keep free.</summary>
    private static List<PastRequest> Requests(Random random, string circleId, List<string> volunteers, DateTimeOffset now)
    {
        var count = random.Next(2, 2 * Months);
        var requests = new List<PastRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var day = now.Date.AddDays(-random.Next(2, Months * 30));
            var (from, hours) = random.Next(3) switch { 0 => (9, 3), 1 => (13, 3), _ => (18, 2) };
            var start = Amsterdam.FromLocal(day.AddHours(from));
            var end = start.AddHours(hours);
            var created = start.AddHours(-random.Next(24, 24 * 10));
            var kind = random.NextDouble() < 0.6 ? HelpKind.Buddy : HelpKind.Respite;
            var roll = random.NextDouble();
            var id = $"{circleId}-h{i:00}";
            requests.Add(roll switch
            {
                < 0.78 => new PastRequest(id, kind, start, end, RequestStatus.Completed, created,
                    created.AddMinutes(random.Next(5, 60 * 30)), volunteers[random.Next(volunteers.Count)],
                    hours + random.Next(-2, 3) * 0.5),
                < 0.92 => new PastRequest(id, kind, start, end, RequestStatus.Expired, created, null, null, null),
                _ => new PastRequest(id, kind, start, end, RequestStatus.Cancelled, created, null, null, null),
            });
        }
        return requests;
    }

    /// <summary>A check-in every month or so; a sliding carer's load rises to overloaded in the last months.</summary>
    private static List<CheckIn> CheckIns(Random random, bool sliding, DateTimeOffset now)
    {
        var checkIns = new List<CheckIn>();
        var load = random.Next(BalanceCheck.Min, BalanceCheck.Max);
        for (var month = Months; month >= 1; month--)
        {
            if (!sliding && random.NextDouble() < 0.3) continue;
            var at = now.AddDays(-30 * month + random.Next(0, 20)).AddHours(-random.Next(1, 10));
            if (sliding) load = Math.Min(BalanceCheck.Max, BalanceCheck.Min + 1 + (Months - month) * 3 / (Months - 1));
            var answers = BalanceCheck.Questions.ToDictionary(q => q.Id,
                q => Math.Clamp(load + random.Next(-1, 2), q.Min, q.Max));
            var score = BalanceCheck.Score(answers);
            checkIns.Add(new CheckIn(at, answers, score, BalanceCheck.Level(score), "mantelzorger (demo-geschiedenis)"));
        }
        return checkIns;
    }

    /// <summary>Each partner's rating of the network in each of its villages in the two quarters before this one.</summary>
    public static IEnumerable<(string Village, NetworkRating Rating)> Ratings(
        DemoSeed seed, IReadOnlyList<PartnerInfo> partners, IReadOnlyList<string> villages, DateTimeOffset now)
    {
        var random = new Random(seed.Seed + 3);
        var helping = partners.Where(p => p.Services.Contains(PartnerService.Buddy) || p.Services.Contains(PartnerService.Respite));
        foreach (var partner in helping)
        {
            foreach (var village in partner.Villages.Count == 0 ? villages : partner.Villages)
            {
                foreach (var monthsAgo in RatedMonthsAgo)
                {
                    var answers = NetworkQuestions.Questions.ToDictionary(q => q.Id, q => random.Next(q.Min + 1, q.Max + 1));
                    yield return (village, new NetworkRating(partner.Id, now.AddMonths(-monthsAgo), answers));
                }
            }
        }
    }
}
