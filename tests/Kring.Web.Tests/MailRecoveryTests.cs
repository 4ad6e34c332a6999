using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests;

/// <summary>Mail that cannot go out is kept: across a restart of the process, and parked for the operator when it keeps failing.</summary>
public sealed class MailRecoveryTests
{
    private const string VolunteerAddress = "vrijwilliger@example.org";

    [Fact]
    public async Task Mail_queued_before_the_process_stops_is_delivered_once_after_the_restart()
    {
        await using var smtp = new SmtpSink();
        using var data = new TempDirectory();
        string requestId;
        await using (var before = await KringApp.Start(data.Path, smtp.Settings))
        {
            requestId = await AskBuddy(before);
            var outbox = await OperatorOf(before);
            await Eventually.Get(async () => (await Outbox(outbox)).GetProperty("retrying").GetInt32() > 0 ? "failing" : null,
                "the offer mail failing while the SMTP server is down", TimeSpan.FromSeconds(30));
        }

        await smtp.Start();
        await using var after = await KringApp.Start(data.Path, smtp.Settings);
        var mail = await smtp.WaitFor(VolunteerAddress, m => (m.TextBody ?? "").Contains(requestId), "the offer mail after the restart",
            TimeSpan.FromSeconds(60));
        var operatorApi = await OperatorOf(after);
        await Eventually.Get(async () => (await Outbox(operatorApi)).GetProperty("pending").GetInt32() == 0 ? "empty" : null,
            "the outbox to empty");
        Assert.Single(smtp.Received, m => m.MessageId == mail.MessageId);
    }

    [Fact]
    public async Task Mail_that_keeps_failing_is_parked_and_the_operator_sends_it_again()
    {
        await using var smtp = new SmtpSink();
        using var data = new TempDirectory();
        await using var app = await KringApp.Start(data.Path, [.. smtp.Settings, "--Kring:Mail:MaxAttempts=1"]);
        var requestId = await AskBuddy(app);
        var operatorApi = await OperatorOf(app);

        var parked = await Eventually.Get(async () =>
        {
            var overview = await Outbox(operatorApi);
            return overview.GetProperty("parked").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)
                .FirstOrDefault(id => id.StartsWith("offer/" + requestId, StringComparison.Ordinal));
        }, "the offer mail parked", TimeSpan.FromSeconds(30));
        var page = await (await SignedInPage(app)).GetStringAsync("/Beheer/Post");
        Assert.Contains("Kunt u helpen?", page);

        await smtp.Start();
        var retry = await operatorApi.PostAsJsonAsync("/api/v1/mail/retry", new { id = parked });
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        await smtp.WaitFor(VolunteerAddress, m => (m.TextBody ?? "").Contains(requestId), "the parked mail, sent again");
        Assert.Equal(HttpStatusCode.NotFound, (await operatorApi.PostAsJsonAsync("/api/v1/mail/retry", new { id = parked })).StatusCode);
    }

    [Fact]
    public async Task Without_a_mail_host_every_message_is_written_as_an_eml_file_in_the_data_directory()
    {
        using var data = new TempDirectory();
        await using var app = await KringApp.Start(data.Path);
        var requestId = await AskBuddy(app);
        var folder = Path.Combine(app.DataDirectory, "mail");

        var message = await Eventually.Get(() => Task.FromResult(Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
                .FirstOrDefault(m => (m.TextBody ?? "").Contains(requestId, StringComparison.Ordinal))
            : null), "an .eml file with the offer", TimeSpan.FromSeconds(30));
        Assert.Equal(VolunteerAddress, message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Kunt u helpen?", message.Subject);
        Assert.Contains("/Antwoord?", message.TextBody);
    }

    private static async Task<string> AskBuddy(KringApp app)
    {
        var volunteer = await app.SignedIn("vrijwilliger");
        (await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "tuesday", from = "09:00", to = "12:00" } } })).EnsureSuccessStatusCode();
        var start = Journey.NextMonday(10).AddDays(1);
        var (requestId, _) = await Journey.AskBuddy(await app.SignedIn("mantelzorger"), start, start.AddHours(1));
        return requestId;
    }

    private static Task<HttpClient> OperatorOf(KringApp app) => app.SignedIn("beheerder");

    private static async Task<HttpClient> SignedInPage(KringApp app)
    {
        var browser = app.Client();
        var form = await Security.Forms.Read(browser, "/Inloggen");
        var signedIn = await browser.PostAsync("/Inloggen", form.With(new() { ["UserName"] = "beheerder", ["Password"] = "kring-demo" }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    private static Task<JsonElement> Outbox(HttpClient operatorApi) => operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/mail/outbox");
}
