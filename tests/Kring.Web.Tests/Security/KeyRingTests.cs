using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

/// <summary>The data-protection key ring (the keys behind sessions and antiforgery tokens) is encrypted at rest.</summary>
public sealed class KeyRingTests
{
    private const string UserName = "Sleutel-Beheerder";
    private const string Password = "Sleutelbos-van-Stein-1";

    [Fact]
    public async Task The_keys_on_disk_are_encrypted_and_a_session_outlives_a_restart()
    {
        string[] settings = ["--Kring:Demo=false", $"--Kring:FirstOperator:UserName={UserName}",
            $"--Kring:FirstOperator:Password={Password}"];
        using var data = new TempDirectory();
        string token;
        await using (var app = await KringApp.Start(data.Path, settings))
        {
            var signIn = await app.Client().PostAsJsonAsync("/api/v1/session", new { username = UserName, password = Password });
            signIn.EnsureSuccessStatusCode();
            token = (await signIn.Content.ReadFromJsonAsync<KringApp.SessionJson>())!.Token;
        }

        var keys = Directory.GetFiles(Path.Combine(data.Path, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }

        await using (var app = await KringApp.Start(data.Path, settings))
        {
            var client = app.Client();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        }
    }
}
