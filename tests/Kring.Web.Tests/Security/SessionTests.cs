using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

/// <summary>Sessions end on the server: sign-out and a password change revoke every token and cookie; throttling of failed sign-ins per
/// client; the password policy.</summary>
[Collection(SecondWebCollection.Name)]
public sealed class SessionTests(SharedApp shared)
{
    private KringApp App => shared.App;

    [Fact]
    public async Task Signing_out_revokes_every_token_and_cookie_of_the_account()
    {
        var user = await TestAccounts.NewCarer(App);
        var (phone, phoneToken) = await SignIn(user, TestAccounts.Password);
        var (laptop, _) = await SignIn(user, TestAccounts.Password);
        var browser = await CookieOnly(user, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync("/api/v1/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        // The same token in a fresh client (no cookie at all) is refused too.
        var copied = App.Client();
        copied.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", phoneToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copied.GetAsync("/api/v1/circles/mine")).StatusCode);

        // Signing in again works, with a new session.
        var (again, _) = await SignIn(user, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_with_the_headers_button_ends_the_api_tokens_too()
    {
        var user = await TestAccounts.NewCarer(App);
        var (api, _) = await SignIn(user, TestAccounts.Password);
        var browser = await CookieOnly(user, TestAccounts.Password);
        var form = await Forms.ReadForm(browser, "/Hulpvragen", "/Uitloggen");
        var signOut = await browser.PostAsync("/Uitloggen", form.With(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_follows_the_policy_and_ends_every_other_session()
    {
        var user = await TestAccounts.NewCarer(App);
        var (client, oldToken) = await SignIn(user, TestAccounts.Password);
        var browser = await CookieOnly(user, TestAccounts.Password);

        await AssertRefused(client, TestAccounts.Password, "kort-1", "newPassword", "minstens 12 tekens");
        await AssertRefused(client, TestAccounts.Password, user, "newPassword", "gebruikersnaam");
        await AssertRefused(client, TestAccounts.Password, "Wachtwoord2024!", "newPassword", "te makkelijk te raden");
        await AssertRefused(client, TestAccounts.Password, "123456789012", "newPassword", "te makkelijk te raden");
        await AssertRefused(client, TestAccounts.Password, "            ", "newPassword", "spaties");
        await AssertRefused(client, TestAccounts.Password, new string('x', 257), "newPassword", "hooguit 256");
        await AssertRefused(client, "niet-het-wachtwoord", "een heel goed nieuw wachtwoord", "currentPassword", "klopt niet");
        await AssertRefused(client, null, "een heel goed nieuw wachtwoord", "currentPassword", "huidige wachtwoord");
        // None of the refusals changed anything.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        const string newPassword = "lange zomeravond aan de Maas";
        var changed = await client.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = TestAccounts.Password, newPassword });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var session = await changed.Content.ReadFromJsonAsync<JsonElement>();
        var newToken = session.GetProperty("token").GetString()!;
        Assert.NotEqual(oldToken, newToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(oldToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(newToken).GetAsync("/api/v1/me")).StatusCode);

        var oldPassword = await App.Client().PostAsJsonAsync("/api/v1/session", new { username = user, password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        var (withNew, _) = await SignIn(user, newPassword);
        Assert.Equal(HttpStatusCode.OK, (await withNew.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_throttle_that_client_and_the_answer_says_nothing_about_the_account()
    {
        var user = await TestAccounts.NewCarer(App);
        var (session, _) = await SignIn(user, TestAccounts.Password);
        var address = Address();
        var client = App.Client();
        // Five failures (waiting out the first delays) leave this address a delay of 4 s, long enough to look at.
        await WrongPasswords(client, address, user, 5);
        // While throttled, the right password from that address is refused unseen: 429 with Retry-After.
        var throttled = await client.SendAsync(SessionFrom(address, user, TestAccounts.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(int.Parse(Assert.Single(throttled.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 1, 4);
        var problem = await throttled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Te veel pogingen.", problem.GetProperty("title").GetString());
        Assert.StartsWith("Te veel pogingen; probeer het over ", problem.GetProperty("detail").GetString());
        Assert.False(throttled.Headers.Contains("Set-Cookie"));

        // The page refuses alike, in Dutch.
        var browser = App.Client();
        var form = await Forms.Read(browser, "/Inloggen");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Inloggen")
        {
            Content = form.With(
            new() { ["UserName"] = user, ["Password"] = TestAccounts.Password })
        };
        post.Headers.Add("X-Forwarded-For", address);
        var page = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Te veel pogingen; probeer het over", await page.Content.ReadAsStringAsync());

        // The right password from anywhere else works at once, and an open session is not ended.
        Assert.Equal(HttpStatusCode.OK, (await App.Client().SendAsync(SessionFrom(Address(), user, TestAccounts.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        // An unknown user name is throttled exactly alike, so the answers do not reveal which names exist.
        var unknown = "niemand-" + Guid.NewGuid().ToString("N")[..8];
        var other = Address();
        await WrongPasswords(client, other, unknown, 5);
        var unknownThrottled = await client.SendAsync(SessionFrom(other, unknown, "fout"));
        Assert.Equal(HttpStatusCode.TooManyRequests, unknownThrottled.StatusCode);
        var unknownProblem = await unknownThrottled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(problem.GetProperty("title").GetString(), unknownProblem.GetProperty("title").GetString());
        Assert.StartsWith("Te veel pogingen; probeer het over ", unknownProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Six_wrong_passwords_for_a_village_contact_from_one_address_do_not_stop_the_right_password_from_another()
    {
        var attacker = Address();
        var client = App.Client();
        // Six wrong passwords actually checked (the attacker waits out each delay): the address now waits 8 s.
        await WrongPasswords(client, attacker, "dorp-elsloo", 6);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(SessionFrom(attacker, "dorp-elsloo", "kring-demo")))
            .StatusCode);

        var contact = await App.Client().SendAsync(SessionFrom(Address(), "dorp-elsloo", "kring-demo"));
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);

        // The operator sees the throttle and lifts it: then the attacker's address may try again at once.
        var operatorClient = await App.SignedIn("beheerder");
        var accounts = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        var row = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "dorp-elsloo");
        Assert.Equal(JsonValueKind.String, row.GetProperty("throttledUntil").ValueKind);
        Assert.True(row.GetProperty("throttledClients").GetInt32() >= 1);
        var lifted = await operatorClient.PostAsync("/api/v1/accounts/dorp-elsloo/unthrottle", null);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await lifted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("throttledUntil").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SessionFrom(attacker, "dorp-elsloo", "kring-demo"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/api/v1/accounts/niemand-hier/unthrottle", null))
            .StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_are_forgiven_by_a_successful_one()
    {
        var user = await TestAccounts.NewCarer(App);
        var client = App.Client();
        var address = Address();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SessionFrom(address, user, "fout"))).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(SessionFrom(address, user, TestAccounts.Password))).StatusCode);
        }
    }

    /// <summary>
    /// Sends wrong passwords from <paramref name="address"/> until <paramref name="count"/> of them were checked (401),
    /// waiting out the delay whenever the answer is 429.
    /// </summary>
    private static async Task WrongPasswords(HttpClient client, string address, string user, int count)
    {
        for (var checkedCount = 0; checkedCount < count;)
        {
            var response = await client.SendAsync(SessionFrom(address, user, "geraden-" + checkedCount));
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                checkedCount++;
                continue;
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")),
                CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A client of its own (a /64 of the documentation prefix), as the trusted local proxy would report it.</summary>
    private static string Address() => $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}::1";

    private static HttpRequestMessage SessionFrom(string address, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = JsonContent.Create(
            new { username = user, password })
        };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site_strict_and_secure_behind_an_https_proxy()
    {
        var plain = await App.Client().PostAsJsonAsync("/api/v1/session", new { username = "mantelzorger", password = "kring-demo" });
        var cookie = Attributes(Assert.Single(plain.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith("kring=", StringComparison.Ordinal)));
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie);

        // A reverse proxy on the same machine (loopback is trusted by default) says the client came over HTTPS.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = JsonContent.Create(
            new { username = "mantelzorger", password = "kring-demo" })
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        var proxied = await App.Client().SendAsync(request);
        var secure = Attributes(Assert.Single(proxied.Headers.GetValues("Set-Cookie"), c =>
            c.StartsWith("kring=", StringComparison.Ordinal)));
        Assert.Contains("secure", secure);
        Assert.Contains("httponly", secure);
        Assert.Equal("max-age=31536000", Assert.Single(proxied.Headers.GetValues("Strict-Transport-Security")));
    }

    /// <summary>A Set-Cookie header's attributes (everything after the value), in lower case.</summary>
    private static List<string> Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();

    private static async Task AssertRefused(HttpClient client, string? current, string next, string field, string message)
    {
        var response = await client.PutAsJsonAsync("/api/v1/me/password", new { currentPassword = current, newPassword = next });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.GetProperty(field).EnumerateArray(), m => m.GetString()!.Contains(message));
    }

    private async Task<(HttpClient Client, string Token)> SignIn(string user, string password)
    {
        var client = App.Client();
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        // Token only: this client's cookie is dropped, so the token alone is what gets checked.
        var tokenOnly = WithToken(token);
        return (tokenOnly, token);
    }

    private HttpClient WithToken(string token)
    {
        var client = App.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser: signed in through the sign-in page, with only the cookie.</summary>
    private async Task<HttpClient> CookieOnly(string user, string password)
    {
        var browser = App.Client();
        var form = await Forms.Read(browser, "/Inloggen");
        var response = await browser.PostAsync("/Inloggen", form.With(new() { ["UserName"] = user, ["Password"] = password }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }
}
