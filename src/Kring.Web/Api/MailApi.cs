using Kring.Web.Input;
using Kring.Web.Services;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

public sealed record ParkedMailDto(string Id, string To, string Subject, int Attempts, string LastError, DateTimeOffset ParkedAt);
public sealed record MailOverviewDto(int Pending, int Retrying, long Delivered, IReadOnlyList<ParkedMailDto> Parked);
public sealed record MailRetryJson(string? Id);

/// <summary>Operators see the outboxes and send parked mail again.</summary>
public static class MailApi
{
    public static void MapKringMailApi(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").RequireAuthorization(Policies.Operator);
        mail.MapGet("/outbox", async (IGrainFactory grains) => Results.Ok(ToDto(await MailDesk.Read(grains))));
        mail.MapPost("/retry", async (MailRetryJson? body, IGrainFactory grains) =>
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(body?.Id) || body.Id.Length > 300) errors.Add("id", "Geef het id van een geparkeerd bericht.");
            if (errors.Any) return Problems.Validation(errors);
            return await MailDesk.Retry(grains, body!.Id!) ? Results.NoContent() : Problems.NotFound("Dit bericht staat niet geparkeerd.");
        });
    }

    private static MailOverviewDto ToDto(MailDesk.Overview o) => new(o.Pending, o.Retrying, o.Delivered,
        o.Parked.Select(p => new ParkedMailDto(p.Mail.Id, p.Mail.To, p.Mail.Subject, p.Attempts, p.LastError, p.ParkedAt)).ToList());
}
