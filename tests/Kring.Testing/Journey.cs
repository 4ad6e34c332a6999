using System.Net.Http.Json;
using System.Text.Json;
using Kring.Matching;
using Xunit;

namespace Kring.Testing;

/// <summary>Shared steps of the walking skeleton's journey, over HTTP.</summary>
public static class Journey
{
    private static readonly string[] Parkinson = ["parkinson"];

    /// <summary>Next week's Monday at the given local hour, in Europe/Amsterdam, always in the future.</summary>
    public static DateTimeOffset NextMonday(int hour, int minute = 0)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Availability.Amsterdam).DateTime);
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var date = today.AddDays(days == 0 ? 7 : days);
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Availability.Amsterdam.GetUtcOffset(local));
    }

    /// <summary>10:00 in Amsterdam, <paramref name="day"/> days from today.</summary>
    public static DateTimeOffset Day(int day) =>
        Amsterdam.FromLocal(Amsterdam.ToLocal(DateTimeOffset.UtcNow).Date.AddDays(day).AddHours(10));

    public static async Task SetMondayMorning(HttpClient volunteer)
    {
        var response = await volunteer.PutAsJsonAsync("/api/v1/volunteers/me/availability",
            new { weekly = new[] { new { day = "monday", from = "09:00", to = "12:00" } } });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<(string Id, Uri Location)> AskBuddy(HttpClient carer, DateTimeOffset start, DateTimeOffset end,
        string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/circles/mine/requests")
        {
            Content = JsonContent.Create(new
            {
                kind = "buddy",
                start = start.ToString("o"),
                end = end.ToString("o"),
                needs = Parkinson,
                notes = "een wandeling",
            }),
        };
        if (idempotencyKey is not null) message.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await carer.SendAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, response.Headers.Location!);
    }

    /// <summary>Waits for the volunteer's pending offer for the request and returns its id.</summary>
    public static Task<string> OfferFor(HttpClient volunteer, string requestId) =>
        Eventually.Get(async () =>
        {
            var offers = await volunteer.GetFromJsonAsync<JsonElement>("/api/v1/volunteers/me/offers");
            foreach (var offer in offers.EnumerateArray())
            {
                if (offer.GetProperty("requestId").GetString() == requestId && offer.GetProperty("status").GetString() == "pending")
                {
                    return offer.GetProperty("id").GetString();
                }
            }
            return null;
        }, $"an offer for request {requestId}");

    public static async Task<string> Status(HttpClient client, Uri location)
    {
        var request = await client.GetFromJsonAsync<JsonElement>(location);
        return request.GetProperty("status").GetString()!;
    }
}
