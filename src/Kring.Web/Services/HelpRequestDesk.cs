using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Filing a request for help, for the carer's, the consultant's and a professional's page and the API alike: who may file
/// for the circle (a professional only with the carer's consent; the village contact person for a carer of their village,
/// saying how the carer agreed, which is logged as a contact),
/// the validation and the weekly series are decided here, once. A circle with as many open requests as it may have
/// refuses with <see cref="LimitReachedException"/>.
/// </summary>
public static class HelpRequestDesk
{
    /// <summary>A weekly series lasts this many weeks at least; one week is a single request.</summary>
    public const int MinSeriesWeeks = 2;

    /// <summary>What the requester filled in. <paramref name="Weeks"/> is null for a single request.</summary>
    public sealed record Filing(
        string? Kind, DateTimeOffset? Start, DateTimeOffset? End, IReadOnlyList<string>? Needs, string? Notes, bool Urgent, int? Weeks,
        string? IdempotencyKey, bool? CircleFirst = null, int? CircleFirstHours = null, string? CarerConsent = null);

    /// <summary>How long the circle's own people have a request to themselves when the carer does not say.</summary>
    public const int DefaultCircleFirstHours = 24;
    public const int MaxCircleFirstHours = 7 * 24;

    public enum Refusal { None, NotAllowed, NoSuchCircle, Invalid }

    /// <summary>The filed requests (one, or every week of a series) and the series id when there is one.</summary>
    public sealed record Outcome(Refusal Refusal, IReadOnlyList<HelpRequestView> Filed, string? SeriesId = null);

    public static async Task<Outcome> File(IGrainFactory grains, KringUser user, string circleId, Filing filing, FieldErrors errors)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        var view = await circle.Get();
        if (!MayFile(user, circleId, view)) return new(Refusal.NotAllowed, []);
        if (view is null) return new(Refusal.NoSuchCircle, []);
        var villageContact = user.Role == Role.VillageContact;
        var consent = filing.CarerConsent?.Trim() ?? "";
        if (villageContact && consent.Length is 0 or > ContactDesk.MaxNoteLength)
        {
            errors.Add("carerConsent",
                "Vraag de mantelzorger eerst om toestemming, en schrijf op hoe die is gegeven (hooguit 500 tekens).");
        }

        if (filing.IdempotencyKey is { Length: > 100 }) errors.Add("Idempotency-Key", "De sleutel is te lang (hooguit 100 tekens).");
        if (filing.Weeks is < MinSeriesWeeks or > RequestInput.MaxWeeks)
        {
            errors.Add("repeat.weeks", $"Vul een aantal weken in van {MinSeriesWeeks} tot en met {RequestInput.MaxWeeks}.");
        }
        var request =
            RequestInput.Validate(RequestInput.NewId(circleId, filing.IdempotencyKey), filing.Kind, filing.Start, filing.End, filing.Needs,
            filing.Notes, user.UserName, TimeProvider.System.GetUtcNow(), errors);
        if (request is null || errors.Any) return new(Refusal.Invalid, []);

        var hasMembers = view.Members is { Count: > 0 };
        var circleFirst = filing.CircleFirst ?? false;
        if (circleFirst && !hasMembers)
        {
            errors.Add("circleFirst", "Deze kring heeft nog geen eigen mensen om eerst te vragen. Nodig ze uit onder Eigen kring.");
        }
        if (filing.CircleFirstHours is < 1 or > MaxCircleFirstHours)
        {
            errors.Add("circleFirstHours", $"Vul een aantal uren in van 1 tot en met {MaxCircleFirstHours}.");
        }
        if (errors.Any) return new(Refusal.Invalid, []);
        var until = circleFirst
            ? TimeProvider.System.GetUtcNow().AddHours(filing.CircleFirstHours ?? DefaultCircleFirstHours)
            : (DateTimeOffset?)null;
        request = request with { Priority = filing.Urgent ? 1 : 0, CircleFirstUntil = until };
        var outcome = filing.Weeks is not { } weeks
            ? new Outcome(Refusal.None, [await circle.SubmitRequest(request)])
            : new Outcome(Refusal.None, await circle.SubmitSeries(RequestInput.Weekly(request, weeks)), request.Id);
        if (villageContact) await ContactDesk.RecordConsent(circle, user, outcome.Filed[0], consent);
        return outcome;
    }

    /// <summary>
    /// The carer and the consultant as <see cref="KringUser.CanRequestFor"/> says; a professional the carer consented to; the
    /// village contact person for a carer of their village (who then says how the carer agreed).
    /// </summary>
    private static bool MayFile(KringUser user, string circleId, CircleView? circle) => user.Role switch
    {
        Role.Professional => ProfessionalDesk.Consented(circle, user),
        Role.VillageContact => circle is not null && user.CanLogContact(circle.Profile),
        _ => user.CanRequestFor(circleId),
    };

    /// <summary>
    /// The short form on someone else's page (a professional's, the village contact person's): a kind, a day and times, with
    /// the circle's own needs as the carer's form ticks them. The limit's title when the circle has as many open requests as
    /// it may have.
    /// </summary>
    public static async Task<(Refusal Refusal, string? Limit)> FileForCarer(
        IGrainFactory grains, KringUser user, string circleId, string? kind, (string? Date, string? From, string? To) when,
        string? notes, string? consent, FieldErrors errors)
    {
        var (start, end) = RequestInput.Window(when.Date, when.From, when.To, errors);
        var needs = (await grains.GetGrain<ICarerCircleGrain>(circleId).Get())?.Profile.CareNeeds
            .Where(RequestInput.KnownNeeds.Contains).ToList();
        try
        {
            var filing = new Filing(kind, start, end, needs, notes, false, null, null, CarerConsent: consent);
            return ((await File(grains, user, circleId, filing, errors)).Refusal, null);
        }
        catch (LimitReachedException limit)
        {
            return (Refusal.None, limit.Title);
        }
    }
}
