using Kring.Web.Input;
using Kring.Web.Privacy;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>
/// One line of the access log; <c>times</c> views of the same kind, the first at <c>at</c> and the last at <c>lastAt</c>.
/// </summary>
public sealed record AccessEntryResponse(DateTimeOffset At, string UserName, string Role, string Action, string What, string Route,
    string? RequestId,
    int Times, DateTimeOffset LastAt);
public sealed record CheckInResponse(DateTimeOffset At, IReadOnlyDictionary<string, int> Answers, int Score, string Level, string By);
public sealed record AccountExportResponse(string UserName, string DisplayName, string Role);
public sealed record CircleExportResponse(
    DateTimeOffset ExportedAt, string ExportedBy, CircleResponse Circle, IReadOnlyList<CheckInResponse> CheckIns, SignalResponse? Signal,
    DateTimeOffset? LastContact, IReadOnlyList<AccountExportResponse> Accounts, IReadOnlyList<AccessEntryResponse> AccessLog,
    IReadOnlyList<AppreciationExportResponse> Appreciation, ContactResponse? Contact = null,
    IReadOnlyList<ContactLogEntryResponse>? ContactLog = null, IReadOnlyList<MemberResponse>? OwnPeople = null,
    IReadOnlyList<ProfessionalResponse>? Professionals = null);
public sealed record AppreciationExportResponse(int Year, DateTimeOffset ReceivedAt, string By);
public sealed record VolunteerProfileResponse(
    string Id, string DisplayName, string HomeVillage, double MaxKm, IReadOnlyList<string> Kinds, IReadOnlyList<string> Skills,
        double MaxHoursPerWeek, string? PartnerId,
    ContactResponse? Contact = null);
public sealed record CarerContactResponse(string CircleId, string Name, string? Phone, string? Address, string CareRecipient,
    string Relationship, IReadOnlyList<string> Needs);
public sealed record AssignmentExportResponse(string RequestId, string Kind, string Village, DateTimeOffset Start, DateTimeOffset End,
    CarerContactResponse? Carer);
public sealed record VolunteerExportResponse(
    DateTimeOffset ExportedAt, VolunteerProfileResponse Profile, AvailabilityResponse Availability, IReadOnlyList<OfferResponse> Offers,
    IReadOnlyList<AssignmentExportResponse> Assignments, IReadOnlyList<AccountExportResponse> Accounts);
public sealed record EraseMeInput(string? Password);

/// <summary>The AVG/GDPR routes: a circle's access log, exports of a person's data, and erasure.</summary>
public static class PrivacyApi
{
    public static void MapKringPrivacyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<Resilience.ResilientEndpointFilter>()
            .AddEndpointFilter<Security.CircleScopeFilter>().WithCommonProblems();

        var circle = api.MapGroup("/circles/{circleId}").RequireAuthorization();
        circle.MapGet("/access-log", ReadAccessLog).Doc("getAccessLog", ApiTags.Privacy, "Read a circle's access log",
            "Returns who viewed, exported or changed the circle's data, and when. It stays readable after the circle is erased.");
        circle.MapGet("/export", ExportCircle).Doc("exportCircle", ApiTags.Privacy, "Export a circle's data",
            "Returns everything Kring keeps about the circle as a JSON download (AVG/GDPR right of access).");
        circle.MapDelete("", EraseCircle).RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant))).Doc("eraseCircle",
            ApiTags.Privacy, "Erase a circle",
                "Erases the circle and its accounts for good; erasing again finishes an erasure that stopped half-way.");

        var me = api.MapGroup("/volunteers/me").RequireAuthorization(Policies.Volunteer);
        me.MapGet("/export", ExportVolunteer).Doc("exportMe", ApiTags.Privacy, "Export my data",
            "Returns everything Kring keeps about the signed-in volunteer as a JSON download (AVG/GDPR right of access).");
        me.MapDelete("", EraseMe).Doc("eraseMe", ApiTags.Privacy, "Erase my data",
            "The volunteer leaves Kring: their data and account are erased and the session ends. The password is asked again in the body.");
        api.MapDelete("/volunteers/{volunteerId}", EraseVolunteer)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Operator), nameof(Role.Coordinator))).Doc("eraseVolunteer",
                ApiTags.Privacy,
                "Erase a volunteer", "An operator, or the volunteer's own coordinator, erases the volunteer and their account for good.");
    }

    /// <summary>404 for a circle that never existed, 410 for one that was erased.</summary>
    public static async Task<MissingProblem> Missing(ICarerCircleGrain circle) =>
        await circle.IsErased() ? MissingProblem.Gone("Deze kring is gewist.") : MissingProblem.NotFound("Deze kring bestaat niet.");

    public static AccessEntryResponse ToDto(AccessEntry e) =>
        new(e.At, e.UserName, e.Role.ToString(), AccessTexts.Code(e.Kind), AccessTexts.What(e.Kind), e.Route, e.RequestId, e.Times,
            e.LastAt ?? e.At);

    private static async Task<Results<Ok<IEnumerable<AccessEntryResponse>>, ForbiddenProblem, NotFoundProblem>> ReadAccessLog(
       string circleId, HttpContext http, IGrainFactory grains)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanReadAccessLog(id)) return Problems.Forbidden("U heeft geen toegang tot het toegangslog van deze kring.");
        var circle = grains.GetGrain<ICarerCircleGrain>(id);
        // An erased circle's log stays readable: it is the record of the erasure.
        if (await circle.Get() is null && !await circle.IsErased()) return Problems.NotFound("Deze kring bestaat niet.");
        return TypedResults.Ok((await grains.GetGrain<IAccessLogGrain>(id).Read()).Select(ToDto));
    }

    private static async Task<Results<Ok<CircleExportResponse>, ForbiddenProblem, MissingProblem>> ExportCircle(
       string circleId, HttpContext http, IGrainFactory grains, AccessLog log, SecurityLog security)
    {
        var user = KringUser.Current(http);
        var id = KringApi.Resolve(circleId, user);
        if (id is null || !user.CanExport(id)) return Problems.Forbidden("U kunt de gegevens van deze kring niet downloaden.");
        var grain = grains.GetGrain<ICarerCircleGrain>(id);
        if (await grain.Get() is null) return await Missing(grain);

        // Logged first, so the export carries its own entry.
        await log.Record(http, id, AccessKind.Exported);
        await security.Record(http, SecurityEventKind.CircleExported, id);
        var view = await grain.Get();
        if (view is null) return await Missing(grain);
        var checkIns = await grain.GetCheckIns();
        var signal = (await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals()).FirstOrDefault(s => s.CircleId == id);
        var lastContact = (await grains.GetGrain<IVillageGrain>(view.Profile.Village).GetQuiet(DateTimeOffset.MaxValue))
            .FirstOrDefault(q => q.CircleId == id).LastContact;
        var export = new CircleExportResponse(
            TimeProvider.System.GetUtcNow(), user.UserName, view.ToDto(),
            checkIns.Select(c => new CheckInResponse(c.At, c.Answers, c.Score, BalanceApi.Code(c.Level), c.By)).ToList(),
            signal is null ? null : new SignalResponse(signal.CircleId, signal.Village, signal.Reason, signal.Score,
                BalanceApi.Code(signal.Level), signal.At, signal.Source),
            lastContact,
            await Accounts(grains, AccountLinks.Circle(id)),
            (await grains.GetGrain<IAccessLogGrain>(id).Read()).Select(ToDto).ToList(),
            await Appreciation(grains, id),
            ContactApi.ToJson(view.Profile.Contact),
            (await grain.GetContacts()).Select(ContactLogApi.ToDto).ToList(),
            (view.Members ?? []).Select(m => OwnCircleApi.ToDto(m, withEmail: true)).ToList(),
            (view.Professionals ?? []).Select(ProfessionalApi.ToDto).ToList());
        return Download(http, export, $"kring-{id}-gegevens.json");
    }

    private static async Task<Results<Ok<VolunteerExportResponse>, NotFoundProblem>> ExportVolunteer(
       HttpContext http, IGrainFactory grains, AccessLog log, SecurityLog security)
    {
        var user = KringUser.Current(http);
        var volunteerId = user.VolunteerId!;
        var volunteer = grains.GetGrain<IVolunteerGrain>(volunteerId);
        if (await volunteer.GetProfile() is not { } p) return Problems.NotFound("Dit vrijwilligersprofiel bestaat niet.");
        var now = TimeProvider.System.GetUtcNow();
        var assignments = await volunteer.GetAssignments();
        var contacts = await Task.WhenAll(assignments.Select(a => Contacts.For(grains, a, volunteerId, now)));
        await log.Record(http, contacts.OfType<CircleProfile>().Select(c => c.Id), AccessKind.ContactViewed);
        await security.Record(http, SecurityEventKind.VolunteerExported, volunteerId);
        var export = new VolunteerExportResponse(
            now,
            new VolunteerProfileResponse(p.Id, p.DisplayName, p.HomeVillage, p.MaxKm, p.Kinds.Select(k => k.Code()).ToList(), p.Skills,
                p.MaxHoursPerWeek, p.PartnerId,
                ContactApi.ToJson(p.Contact)),
            VolunteerApi.ToJson(await volunteer.GetAvailability()),
            (await volunteer.GetOffers()).Select(o => o.ToDto()).ToList(),
            assignments.Zip(contacts, (x, c) => new AssignmentExportResponse(x.RequestId, x.Kind.Code(), x.Village, x.Start, x.End,
                c is null ? null : new CarerContactResponse(c.Id, c.CarerName, c.Phone, c.Address, c.CareRecipientName, c.Relationship,
                    c.CareNeeds))).ToList(),
            await Accounts(grains, AccountLinks.Volunteer(volunteerId)));
        return Download(http, export, $"kring-{volunteerId}-gegevens.json");
    }

    private static async Task<Results<NoContent, NotFoundProblem>> EraseCircle(
       string circleId, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log)
    {
        var circle = grains.GetGrain<ICarerCircleGrain>(circleId);
        // Erasing again is allowed: it finishes an erasure that stopped half-way, and changes nothing otherwise.
        if (await circle.Get() is null && !await circle.IsErased()) return Problems.NotFound("Deze kring bestaat niet.");
        await ErasureDesk.EraseCircle(grains, stamps, log, http, circleId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem>> EraseVolunteer(
       string volunteerId, HttpContext http, IGrainFactory grains, SessionStamps stamps, SecurityLog log)
    {
        var user = KringUser.Current(http);
        var volunteer = grains.GetGrain<IVolunteerGrain>(volunteerId);
        var profile = await volunteer.GetProfile();
        if (profile is null && !await volunteer.IsErased()) return Problems.NotFound("Deze vrijwilliger bestaat niet.");
        if (user.Role == Role.Coordinator && profile is not null && profile.PartnerId != user.PartnerId)
        {
            return Problems.Forbidden("Deze vrijwilliger hoort niet bij uw organisatie.");
        }
        await ErasureDesk.EraseVolunteer(grains, stamps, log, http, volunteerId);
        return TypedResults.NoContent();
    }

    /// <summary>A volunteer leaves Kring. Their password is asked again: this cannot be undone.</summary>
    private static async Task<Results<NoContent, UnsupportedMediaTypeProblem, TooManyAttemptsProblem, InvalidInputProblem>> EraseMe(
       HttpContext http, IGrainFactory grains, SessionStamps stamps, Accounts accounts, SecurityLog log)
    {
        var user = KringUser.Current(http);
        var (read, body) = await TryReadJson<EraseMeInput>(http.Request);
        if (!read) return new UnsupportedMediaTypeProblem();
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body?.Password)) errors.Add("password", "Vul uw wachtwoord in om uw gegevens te wissen.");
        else
        {
            var (account, retryAfter, _) = await accounts.CheckPassword(http, user.UserName, body.Password);
            if (retryAfter is { } wait) return Problems.TooManyAttempts(http, wait);
            if (account is null) errors.Add("password", "Uw wachtwoord klopt niet.");
        }
        if (errors.Any) return Problems.Validation(errors);
        await ErasureDesk.EraseVolunteer(grains, stamps, log, http, user.VolunteerId!);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Reads an optional JSON body by hand: a bound body would add a content-type condition to the route, and routing
    /// would then send a DELETE without a body to /volunteers/{volunteerId} with "me" as the id. False for a body that is
    /// not JSON; a body that does not parse reads as none.
    /// </summary>
    private static async Task<(bool Read, T? Body)> TryReadJson<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding")) return (true, null);
        if (!request.HasJsonContentType()) return (false, null);
        try
        {
            return (true, await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted));
        }
        catch (System.Text.Json.JsonException)
        {
            return (true, null);
        }
    }

    private static async Task<IReadOnlyList<AppreciationExportResponse>> Appreciation(IGrainFactory grains, string circleId)
    {
        var years = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetAppreciationYears();
        var rounds = await Task.WhenAll(years.Select(async year =>
            (Year: year, Receipts: await grains.GetGrain<IAppreciationGrain>(
                year.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetReceived())));
        return rounds.SelectMany(r => r.Receipts.Where(x => x.CircleId == circleId).Select(x => new AppreciationExportResponse(r.Year, x.At,
            x.By))).ToList();
    }

    private static async Task<IReadOnlyList<AccountExportResponse>> Accounts(IGrainFactory grains, string linksKey)
    {
        var userNames = await grains.GetGrain<IAccountLinksGrain>(linksKey).Get();
        var accounts = await Task.WhenAll(userNames.Select(u => grains.GetGrain<IAccountGrain>(u).Get()));
        return accounts.OfType<AccountRecord>().Select(a => new AccountExportResponse(a.UserName, a.DisplayName,
            a.Role.ToString())).ToList();
    }

    private static Ok<T> Download<T>(HttpContext http, T body, string fileName)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return TypedResults.Ok(body);
    }
}
