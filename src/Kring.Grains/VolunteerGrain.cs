using Kring.Grains.Mail;
using Kring.Matching;

namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Volunteer")]
public sealed class VolunteerState
{
    [Id(0)] public VolunteerProfile? Profile { get; set; }
    [Id(1)] public string Region { get; set; } = "";
    [Id(2)] public AvailabilityDto Availability { get; set; } = new([], [], false);
    [Id(3)] public Dictionary<string, Offer> Offers { get; set; } = new();
    [Id(4)] public List<Assignment> Assignments { get; set; } = [];
    /// <summary>The home region and any region with a village near enough (see MatchingOptions.BorderKm).</summary>
    [Id(5)] public List<string> Regions { get; set; } = [];
    [Id(6)] public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Requests this volunteer gave back; matching does not offer them to them again.</summary>
    [Id(7)] public HashSet<string> WithdrewFrom { get; set; } = new();
}

/// <summary>
/// The single authority over one volunteer's schedule. An accept first holds the time in persisted state, then asks
/// the circle to confirm; after a crash the hold is resolved again, so a volunteer is never booked twice.
/// </summary>
public sealed partial class VolunteerGrain(
    [PersistentState("volunteer", KringStorage.Name)] IPersistentState<VolunteerState> state,
    Microsoft.Extensions.Options.IOptions<MatchingOptions> options,
    IPublicAddress links,
    TimeProvider clock) : Grain, IVolunteerGrain
{
    public const int MaxWeeklySlots = 28;
    public const int MaxSkills = 20;
    /// <summary>
    /// Matching indexes volunteers up to <see cref="MatchingOptions.BorderKm"/> across a region's border; a larger
    /// radius would not be seen.
    /// </summary>
    public const double MaxRadiusKm = 25;
    private static readonly TimeSpan KeepClosedOffers = TimeSpan.FromDays(30);
    /// <summary>How soon a held accept asks its circle again after the circle could not be reached.</summary>
    private static readonly TimeSpan HoldRetryDelay = TimeSpan.FromSeconds(5);
    private IGrainTimer? _holdRetry;
    private Task? _notifying;
    private bool _changedSinceNotified;
    private WriteBehind _writeBehind = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writeBehind = new WriteBehind(this, () => state.WriteStateAsync(), WriteBehind.DefaultDelay);
        if (state.State.Offers.Values.Any(o => o.Status == OfferStatus.Accepting))
        {
            this.RegisterGrainTimer(ResolveHolds, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        if (state.State.Offers.Values.Any(o => o.Status == OfferStatus.Pending))
        {
            this.RegisterGrainTimer(DropSettledOffers, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _writeBehind.Flush(cancellationToken);

    public async Task Register(VolunteerProfile profile)
    {
        if (profile.Id != this.GetPrimaryKeyString()) throw new ArgumentException("The volunteer id must equal the grain key.",
            nameof(profile));
        if (state.State.ErasedAt is not null) throw new ArgumentException("This volunteer was erased; the id is not used again.",
            nameof(profile));
        var village = GrainFactory.GetGrain<IVillageGrain>(profile.HomeVillage);
        var info = await village.GetInfo() ?? throw new ArgumentException($"Unknown village '{profile.HomeVillage}'.", nameof(profile));
        var home = new GeoPoint(info.Lat, info.Lon);
        var villages = await GrainFactory.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        state.State.Profile = profile;
        state.State.Region = info.Region;
        state.State.Regions =
            villages.Where(v => v.Region == info.Region || home.DistanceKm(new GeoPoint(v.Lat, v.Lon)) <= options.Value.BorderKm)
            .Select(v => v.Region).Append(info.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        await _writeBehind.WriteNow();
        // One of a circle's own people is nobody's volunteer: the village does not count them and matching never asks them.
        if (profile.OwnCircleId is not null) return;
        await village.AddVolunteer(profile.Id);
        if (profile.PartnerId is { } partner) await GrainFactory.GetGrain<IPartnerGrain>(partner).AddVolunteer(profile.Id);
        NotifyMatching();
    }

    public Task<VolunteerProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<AvailabilityDto> GetAvailability() => Task.FromResult(state.State.Availability);

    public async Task SetAvailability(AvailabilityDto availability)
    {
        if (state.State.ErasedAt is not null) throw new KeyNotFoundException($"Volunteer '{this.GetPrimaryKeyString()}' was erased.");
        if (availability.Weekly.Count > MaxWeeklySlots) throw new ArgumentException($"At most {MaxWeeklySlots} weekly slots.",
            nameof(availability));
        if (availability.Weekly.Any(s => s.To <= s.From)) throw new ArgumentException("Every slot must end after it starts.",
            nameof(availability));
        state.State.Availability = availability with
        {
            Weekly = availability.Weekly.Distinct().OrderBy(s => s.Day).ThenBy(s => s.From).ToList(),
            DaysOff = availability.DaysOff.Distinct().Order().ToList(),
        };
        await _writeBehind.WriteNow();
        NotifyMatching();
    }

    public async Task UpdatePreferences(IReadOnlyList<HelpKind> kinds, IReadOnlyList<string> skills, double maxKm)
    {
        var profile =
            state.State.Profile ?? throw new InvalidOperationException($"Volunteer '{this.GetPrimaryKeyString()}' is not registered.");
        if (kinds.Count == 0) throw new ArgumentException("A volunteer gives at least one kind of help.", nameof(kinds));
        if (kinds.Any(k => !Enum.IsDefined(k))) throw new ArgumentException("Unknown kind of help.", nameof(kinds));
        if (!(maxKm > 0 && maxKm <= MaxRadiusKm)) throw new ArgumentOutOfRangeException(nameof(maxKm), maxKm,
            $"The travel radius lies between 0 and {MaxRadiusKm} km.");
        var cleanSkills =
            skills.Select(s => s?.Trim().ToLowerInvariant() ?? "").Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal)
            .ToList();
        if (cleanSkills.Count > MaxSkills) throw new ArgumentException($"At most {MaxSkills} skills.", nameof(skills));
        var cleanKinds = kinds.Distinct().Order().ToList();
        if (profile.Kinds.SequenceEqual(cleanKinds) && profile.Skills.SequenceEqual(cleanSkills) && profile.MaxKm == maxKm) return;
        // Only the profile changes: assignments, holds and offers stay, so nobody is double-booked or loses a booking.
        state.State.Profile = profile with { Kinds = cleanKinds, Skills = cleanSkills, MaxKm = maxKm };
        await _writeBehind.WriteNow();
        NotifyMatching();
    }

    public Task<VolunteerSnapshot?> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task SetContact(ContactDetails? contact)
    {
        var profile =
            state.State.Profile ?? throw new InvalidOperationException($"Volunteer '{this.GetPrimaryKeyString()}' is not registered.");
        if (profile.Contact == contact) return;
        state.State.Profile = profile with { Contact = contact };
        await _writeBehind.WriteNow();
    }

    public Task<bool> IsErased() => Task.FromResult(state.State.ErasedAt is not null);

    private void NotifyLeft()
    {
        foreach (var shard in Shards()) _ = shard.VolunteerLeft(this.GetPrimaryKeyString());
    }

    /// <summary>Every shard that indexes this volunteer: the home region's and those of the regions near enough.</summary>
    private IEnumerable<IMatchingGrain> Shards() => state.State.Profile?.OwnCircleId is not null ? [] :
        state.State.Regions.DefaultIfEmpty(state.State.Region)
            .Select(region => GrainFactory.GetGrain<IMatchingGrain>(MatchingShard.Key(region)));

    private VolunteerSnapshot? Snapshot()
    {
        if (state.State.Profile is not { } profile) return null;
        var holds = state.State.Offers.Values
            .Where(o => o.Status == OfferStatus.Accepting)
            .Select(o => new Assignment(o.RequestId, o.CircleId, o.Village, o.Kind, o.Start, o.End, o.Id));
        return new VolunteerSnapshot(profile, state.State.Availability, state.State.Assignments.Concat(holds).ToList());
    }

    // Volunteers never wait on matching (see IMatchingGrain); the periodic reconcile repairs a lost notification.
    /// <summary>
    /// Tells the shards about a change without waiting for them, latest state wins: while one notification is on its
    /// way, further changes only mark the volunteer changed, and the next notification carries the state as it is then.
    /// A volunteer who saves their week ten times a second costs the shards one message at a time, not ten.
    /// </summary>
    private void NotifyMatching()
    {
        _changedSinceNotified = true;
        if (_notifying is null || _notifying.IsCompleted) _notifying = NotifyWhileChanged();
    }

    private async Task NotifyWhileChanged()
    {
        try
        {
            while (_changedSinceNotified)
            {
                _changedSinceNotified = false;
                if (Snapshot() is not { } snapshot) return;
                await Task.WhenAll(Shards().Select(shard => shard.VolunteerChanged(snapshot)));
            }
        }
        catch (Exception)
        {
            // A shard that missed the change still has the volunteer as it was; it reads every volunteer again when it
            // next activates. Losing this one is safe, as fire-and-forget always was.
        }
    }

    /// <summary>
    /// Tells the shards the offer counts as declined, so its request does not wait for it to lapse. Every shard that may
    /// have made it: an offer for a village across the region's border comes from that region's shard, and the others
    /// do not know the request.
    /// </summary>
    private void NotifyDeclined(Offer offer)
    {
        foreach (var shard in Shards()) _ = shard.OfferDeclined(offer.RequestId, this.GetPrimaryKeyString());
    }
}
