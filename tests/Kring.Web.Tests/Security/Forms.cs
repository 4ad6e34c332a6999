using System.Net;
using System.Text.RegularExpressions;

namespace Kring.Web.Tests.Security;

/// <summary>A page's form as a browser would post it: with the antiforgery token the page rendered.</summary>
public sealed class Forms
{
    private readonly string _token;

    private Forms(string token) => _token = token;

    /// <summary>Loads the page (which also sets the antiforgery cookie on the client) and keeps its token.</summary>
    public static async Task<Forms> Read(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{path} has no antiforgery token");
        return new Forms(WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>Loads the page and keeps the token of the one form on it that posts to <paramref name="action"/>.</summary>
    public static async Task<Forms> ReadForm(HttpClient client, string path, string action)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var form = Regex.Match(html, $"<form[^>]*action=\"{Regex.Escape(action)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"{path} has no form that posts to {action}");
        var token = Regex.Match(form.Groups[1].Value, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"the form on {path} that posts to {action} has no antiforgery token");
        return new Forms(WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    public FormUrlEncodedContent With(Dictionary<string, string> fields) =>
        With(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    public FormUrlEncodedContent With(IEnumerable<KeyValuePair<string, string>> fields) =>
        new(fields.Append(KeyValuePair.Create("__RequestVerificationToken", _token)));
}
