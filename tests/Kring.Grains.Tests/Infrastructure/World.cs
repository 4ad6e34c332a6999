namespace Kring.Grains.Tests.Infrastructure;

/// <summary>
/// Builds a small, private piece of the world for one test: its own region (so its own matching shards), villages,
/// circles, volunteers and requests, all through the public grain interfaces.
/// </summary>
public sealed class World(IGrainFactory grains, string? region = null)
{
    /// <summary>Amsterdam is UTC+1 in January.</summary>
    public static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    /// <summary>Wednesday 9 January 2030, 10:00 in Amsterdam: two days after <see cref="GrainCluster.Start"/>.</summary>
    public static readonly DateTimeOffset Wednesday10 = new(2030, 1, 9, 10, 0, 0, Cet);

    public static AvailabilityDto WednesdayDaytime { get; } =
        new([new WeeklySlotDto(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [], false);

    public IGrainFactory Grains { get; } = grains;
    public string Region { get; } = region ?? "r" + Guid.NewGuid().ToString("N")[..10];

    public string Id(string local) => $"{Region}-{local}";

    private static int _worlds;

    /// <summary>
    /// Each world lies a degree of longitude (about 70 km) east of the previous one, so that matching, which also looks
    /// across region borders, never pairs one test's volunteers with another test's requests.
    /// </summary>
    private readonly double _east = Interlocked.Increment(ref _worlds) % 150;

    public async Task<string> Village(string local, double lat = 50.9497, double lon = 5.7812, params string[] neighbours)
    {
        var id = Id(local);
        await Grains.GetGrain<IVillageGrain>(id).Define(new VillageInfo(id, local, Region, lat, lon + _east, "", [], neighbours));
        return id;
    }

    /// <summary>
    /// A village of a neighbouring region, about 3.5 km east of <see cref="Village"/>'s default place: its requests go to
    /// that region's shard, which also indexes this world's volunteers registered after it.
    /// </summary>
    public async Task<string> VillageAcrossTheBorder(string local)
    {
        var id = Id(local);
        await Grains.GetGrain<IVillageGrain>(id).Define(new VillageInfo(id, local, Region + "-over", 50.9497, 5.8312 + _east, "", [], []));
        return id;
    }

    public async Task<string> Circle(string village, string local, int carerAge = 50)
    {
        var id = Id(local);
        await Circle(id).Register(new CircleProfile(id, village, $"Carer {local}", carerAge, $"Cared-for {local}", "partner", [], null,
            null));
        return id;
    }

    /// <summary>Registers a volunteer. Availability goes first, so matching hears of them once, complete.</summary>
    public async Task<string> Volunteer(
        string local, string village, AvailabilityDto? availability = null, HelpKind[]? kinds = null, string[]? skills = null,
        double maxKm = 10, double maxHoursPerWeek = 40)
    {
        var id = Id(local);
        var grain = Volunteer(id);
        await grain.SetAvailability(availability ?? WednesdayDaytime);
        await grain.Register(new VolunteerProfile(id, local, village, maxKm, kinds ?? [HelpKind.Buddy], skills ?? [], maxHoursPerWeek,
            null));
        return id;
    }

    /// <summary>One of the circle's own people: a schedule of their own, and a place in the circle's member list.</summary>
    public async Task<string> Member(string circleId, string village, string local, CircleRelation relation = CircleRelation.Child)
    {
        var id = Id(local);
        await Volunteer(id).Register(new VolunteerProfile(id, $"{local} Lid", village, 0, [], [], 0, null, OwnCircleId: circleId));
        await Circle(circleId).AddMember(
            new CircleMember(id, $"{local} Lid", $"{id}@example.org", relation, $"{id}@example.org", DateTimeOffset.UnixEpoch, "test"),
            null, null);
        return id;
    }

    /// <summary>A request the circle's own people have to themselves until <paramref name="until"/>.</summary>
    public NewHelpRequest OwnCircleFirst(string local, DateTimeOffset start, TimeSpan length, DateTimeOffset until) =>
        Request(local, start, length) with { CircleFirstUntil = until };

    /// <summary>The request as the circle's member passes it to their schedule when they take it.</summary>
    public async Task<RequestSummary> Summary(string circleId, string requestId)
    {
        var r = await RequestIn(circleId, requestId);
        return new RequestSummary(r.Id, r.CircleId, r.Village, r.Kind, r.Start, r.End, r.Needs, r.Status, r.CreatedAt, [], r.Priority,
            r.SeriesId, CircleFirstUntil: r.CircleFirstUntil);
    }

    /// <summary>A partner serving only this world's villages, so its queue is the test's own.</summary>
    public async Task<string> Partner(string local, PartnerService service, params string[] villages)
    {
        var id = Id(local);
        await Grains.GetGrain<IPartnerGrain>(id).Define(new PartnerInfo(id, local, "", [service], villages));
        return id;
    }

    public IPartnerGrain PartnerGrain(string id) => Grains.GetGrain<IPartnerGrain>(id);

    public NewHelpRequest Request(string local, DateTimeOffset start, TimeSpan length, params string[] needs) =>
        new(Id(local), HelpKind.Buddy, start, start + length, needs, null, "test");

    public static IReadOnlyDictionary<string, int> Answers(int value) =>
        Balance.BalanceCheck.Questions.ToDictionary(q => q.Id, _ => value);

    public ICarerCircleGrain Circle(string id) => Grains.GetGrain<ICarerCircleGrain>(id);
    public IVolunteerGrain Volunteer(string id) => Grains.GetGrain<IVolunteerGrain>(id);
    public IVillageGrain VillageGrain(string id) => Grains.GetGrain<IVillageGrain>(id);
    public IAccessLogGrain Access(string circleId) => Grains.GetGrain<IAccessLogGrain>(circleId);
    public IMatchingGrain Shard() => Grains.GetGrain<IMatchingGrain>(MatchingShard.Key(Region));

    /// <summary>
    /// Hands the volunteers to the region's shard and waits until it has them. Their own notification is fire-and-forget
    /// and may come after a request filed next; a test that needs every one of them in the first wave waits for this.
    /// </summary>
    public async Task Indexed(params string[] volunteerIds)
    {
        foreach (var id in volunteerIds)
        {
            var snapshot = await Volunteer(id).GetSnapshot() ?? throw new InvalidOperationException($"{id} is not registered.");
            await Shard().VolunteerChanged(snapshot);
        }
    }

    public async Task<Offer?> OfferFor(string volunteerId, string requestId) =>
        (await Volunteer(volunteerId).GetOffers()).SingleOrDefault(o => o.RequestId == requestId);

    /// <summary>Waits until the volunteer holds a pending offer for the request.</summary>
    public async Task<Offer> PendingOffer(string volunteerId, string requestId) =>
        (await Eventually.Until(() => OfferFor(volunteerId, requestId), o => o?.Status == OfferStatus.Pending,
            $"{volunteerId} has a pending offer for {requestId}"))!;

    /// <summary>Waits until the volunteer's offer for the request has the given status.</summary>
    public async Task<Offer> OfferBecomes(string volunteerId, string requestId, OfferStatus status) =>
        (await Eventually.Until(() => OfferFor(volunteerId, requestId), o => o?.Status == status,
            $"{volunteerId}'s offer for {requestId} is {status}"))!;

    /// <summary>Waits until exactly one of the volunteers holds a pending offer for the request, and returns them.</summary>
    public async Task<(string VolunteerId, Offer Offer)> TheOneOffered(string requestId, params string[] volunteerIds)
    {
        var offered = await Eventually.Until(
            async () => (await Task.WhenAll(volunteerIds.Select(async v => (v, Offer: await OfferFor(v, requestId)))))
                .Where(x => x.Offer?.Status == OfferStatus.Pending).ToList(),
            list => list.Count > 0,
            $"one of {string.Join(", ", volunteerIds)} has an offer for {requestId}");
        Assert.Single(offered);
        return (offered[0].v, offered[0].Offer!);
    }

    public async Task<HelpRequestView> RequestIn(string circleId, string requestId) =>
        await Circle(circleId).GetRequest(requestId) ?? throw new Xunit.Sdk.XunitException($"{circleId} has no request {requestId}");

    public Task<HelpRequestView> RequestBecomes(string circleId, string requestId, RequestStatus status) =>
        Eventually.Until(() => RequestIn(circleId, requestId), r => r.Status == status, $"request {requestId} is {status}");

    public Task<int> PendingBecomes(int count) =>
        Eventually.Until(() => Shard().PendingCount(), n => n == count, $"the {Region} shard has {count} pending request(s)");
}
