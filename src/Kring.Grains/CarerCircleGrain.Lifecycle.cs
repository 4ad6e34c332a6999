using Kring.Grains.Mail;
using Kring.Grains.Operations;

namespace Kring.Grains;

/// <summary>A request's way through matching: offered, matched, given back, completed, expired or escalated.</summary>
public sealed partial class CarerCircleGrain
{
    /// <summary>
    /// Matching calls this only with <paramref name="offered"/> false, when a request's offers all lapsed: offering
    /// goes through <see cref="Offered"/>, which also records who had an offer.
    /// </summary>
    public async Task MarkOffered(string requestId, bool offered)
    {
        if (offered || !state.State.Requests.TryGetValue(requestId, out var record) || record.Status != RequestStatus.Offered) return;
        await Transition(record, RequestStatus.Open, "nog geen vrijwilliger gevonden", durable: false);
    }

    public async Task Offered(string requestId, IReadOnlyList<string> volunteerIds)
    {
        if (state.State.ErasedAt is not null)
        {
            // The wave crossed the erasure.
            foreach (var volunteer in volunteerIds) await GrainFactory.GetGrain<IVolunteerGrain>(volunteer)
                .ForgetCircle(this.GetPrimaryKeyString());
            return;
        }
        var added = volunteerIds.Count(state.State.OfferedTo.Add);
        if (state.State.Requests.TryGetValue(requestId, out var record) && record.Status == RequestStatus.Open)
        {
            await Transition(record, RequestStatus.Offered, "aangeboden aan vrijwilligers", durable: false);
        }
        else if (added > 0)
        {
            _writeBehind.Schedule();
        }
    }

    public async Task<MatchConfirmation> ConfirmMatch(string requestId, string volunteerId, string offerId, string? reason =
        null, HelperIntroduction? helper = null)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return MatchConfirmation.NotFound;
        switch (record.Status)
        {
            case RequestStatus.Matched:
                if (record.VolunteerId != volunteerId) return MatchConfirmation.TakenByOther;
                await QueueMatchedMail(record);
                return MatchConfirmation.Confirmed;
            case RequestStatus.Open or RequestStatus.Offered:
                record.VolunteerId = volunteerId;
                record.OfferId = offerId;
                record.Helper = helper;
                var member = state.State.Members.FirstOrDefault(m => m.Id == volunteerId);
                if (member is null)
                {
                    // The helpers who came before count for continuity in matching; the carer's own people are not matched.
                    state.State.Helpers.Remove(volunteerId);
                    state.State.Helpers.Insert(0, volunteerId);
                }
                await Transition(record, RequestStatus.Matched, member is not null
                    ? $"opgepakt door {member.Name} uit de eigen kring"
                    : reason is null
                    ? $"gekoppeld aan vrijwilliger {volunteerId}"
                    : $"door de coördinator gekoppeld aan vrijwilliger {volunteerId}: {reason}");
                await QueueMatchedMail(record);
                NotifySettled(record);
                return MatchConfirmation.Confirmed;
            default:
                return MatchConfirmation.RequestClosed;
        }
    }

    public async Task<bool> VolunteerWithdrew(string requestId, string volunteerId, string reason)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || state.State.ErasedAt is not null) return false;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return record.Status == RequestStatus.Open;
        var helper = record.Helper;
        // Now short notice: it goes ahead of the requests that have time.
        record.Priority = Math.Max(record.Priority, 1);
        await QueueCarerMail(contact =>
            MailTexts.Withdrawn(record.Id, volunteerId, record.Start, record.End, contact.Email!, contact, helper, links.Base,
                clock.GetUtcNow()));
        await Reopen(record, $"{HelperName(volunteerId)} kan toch niet: {reason}");
        return true;
    }

    public async Task<bool> Complete(string requestId, string volunteerId, double hours, bool happened, string? reason, bool assumed)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)) return false;
        if (record.Status == RequestStatus.Completed) return record.VolunteerId == volunteerId;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return false;
        record.HoursGiven = happened ? hours : 0;
        record.HoursAssumed = assumed;
        var given = hours.ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        var what = !happened ? $"vond niet plaats: {reason}"
            : assumed ? $"afgerond; aangenomen: {given} uur zoals gepland (geen antwoord binnen een week)"
            : $"afgerond: {given} uur gegeven";
        await Transition(record, RequestStatus.Completed, what);
        return true;
    }

    public async Task<bool> Unmatch(string requestId, string volunteerId, string by, string reason)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record) || state.State.ErasedAt is not null) return false;
        if (record.Status != RequestStatus.Matched || record.VolunteerId != volunteerId) return record.Status == RequestStatus.Open;
        await Reopen(record, $"{HelperName(volunteerId)} ontkoppeld door {by}: {reason}");
        return true;
    }

    /// <summary>How the history names a helper: one of the own people by name, a volunteer by id.</summary>
    private string HelperName(string volunteerId) =>
        state.State.Members.FirstOrDefault(m => m.Id == volunteerId) is { } member
            ? $"{member.Name} uit de eigen kring"
            : $"vrijwilliger {volunteerId}";

    /// <summary>The matched volunteer lets go: the request is open again and back in matching.</summary>
    private async Task Reopen(HelpRequestRecord record, string what)
    {
        record.VolunteerId = null;
        record.OfferId = null;
        record.Helper = null;
        await Transition(record, RequestStatus.Open, what);
        NotifyMatching(record);
        ScheduleRelease();
    }

    public async Task Expire(string requestId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)
            || record.Status is not (RequestStatus.Open or RequestStatus.Offered)) return;
        await Transition(record, RequestStatus.Expired, "verlopen: er is op tijd geen vrijwilliger gevonden");
        await QueueCarerMail(contact =>
            MailTexts.Expired(record.Id, record.Kind, record.Start, record.End, contact.Email!, contact, links.Base, clock.GetUtcNow()));
        NotifySettled(record);
    }

    public async Task Escalated(string requestId, string partnerId)
    {
        if (!state.State.Requests.TryGetValue(requestId, out var record)
            || record.Status is not (RequestStatus.Open or RequestStatus.Offered)) return;
        if (record.EscalatedTo == partnerId) return;
        var partner = (await GrainFactory.GetGrain<IPartnerGrain>(partnerId).GetInfo())?.Name ?? partnerId;
        record.EscalatedTo = partnerId;
        await Transition(record, RequestStatus.Open, $"nog geen vrijwilliger gevonden; de coördinator van {partner} zoekt verder");
        metrics.RequestEscalated(VillageId, record.Kind);
        await QueueCarerMail(contact =>
            MailTexts.Escalated(record.Id, record.Kind, record.Start, record.End, partner, contact.Email!, contact, links.Base,
                clock.GetUtcNow()));
    }

    /// <param name="durable">
    /// False for what matching repeats after a crash (offered, open again after the offers lapsed): written behind.
    /// </param>
    private async Task Transition(HelpRequestRecord record, RequestStatus status, string what, bool durable = true)
    {
        var firstOffer = status == RequestStatus.Offered && record.History.All(e => e.Status != RequestStatus.Offered);
        record.Status = status;
        record.History.Add(new RequestEvent(clock.GetUtcNow(), status, what));
        if (durable) await _writeBehind.WriteNow();
        else _writeBehind.Schedule();
        metrics.RequestMoved(VillageId, record.Kind, status, record.CreatedAt, firstOffer);
        await Village.TrackRequest(Summary(record));
    }

    // Circles never wait on matching (see IMatchingGrain); a lost notification is recovered by its reconcile.
    private void NotifyMatching(HelpRequestRecord record) =>
        _ = Shard(record).Submit(Summary(record));

    private void NotifySettled(HelpRequestRecord record) =>
        _ = Shard(record).RequestSettled(record.Id, record.VolunteerId);

    private IMatchingGrain Shard(HelpRequestRecord record) =>
        GrainFactory.GetGrain<IMatchingGrain>(MatchingShard.Key(state.State.Region));
}
