using Kring.Web.Input;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record ParkedMailResponse(string Id, string To, string Subject, int Attempts, string LastError, DateTimeOffset ParkedAt);
public sealed record MailOverviewResponse(int Pending, int Retrying, long Delivered, IReadOnlyList<ParkedMailResponse> Parked);
public sealed record MailRetryInput(string? Id);

/// <summary>Operators see the outboxes and send parked mail again.</summary>
public static class MailApi
{
    public static void MapKringMailApi(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").RequireAuthorization(Policies.Operator);
        mail.MapGet("/outbox", async (IGrainFactory grains) => TypedResults.Ok(ToDto(await MailDesk.Read(grains)))).Doc("getMailOutbox",
            ApiTags.Mail, "Read the outboxes",
                "Returns how much mail is pending, retrying and delivered, and the parked mail that failed.");
        mail.MapPost("/retry", Retry).Doc("retryMail", ApiTags.Mail, "Send parked mail again", "Puts a parked message back in its outbox.");
    }

    private static async Task<Results<NoContent, InvalidInputProblem, NotFoundProblem>> Retry(MailRetryInput? body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body?.Id) || body.Id.Length > 300) errors.Add("id", "Geef het id van een geparkeerd bericht.");
        if (errors.Any) return Problems.Validation(errors);
        return await MailDesk.Retry(grains, body!.Id!) ? TypedResults.NoContent() : Problems.NotFound("Dit bericht staat niet geparkeerd.");
    }

    private static MailOverviewResponse ToDto(MailDesk.Overview o) => new(o.Pending, o.Retrying, o.Delivered,
        o.Parked.Select(p => new ParkedMailResponse(p.Mail.Id, p.Mail.To, p.Mail.Subject, p.Attempts, p.LastError, p.ParkedAt)).ToList());
}
