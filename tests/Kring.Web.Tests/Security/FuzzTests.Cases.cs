using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kring.Testing;

namespace Kring.Web.Tests.Security;

public sealed partial class FuzzTests
{
    /// <summary>One generated request.</summary>
    private sealed record FuzzCase(int Caller, string Method, string Route, string Path, byte[]? Body, string? ContentType,
        List<(string, string)> Headers, bool MayBeCut)
    {
        public override string ToString() =>
            $"caller {Caller}: {Method} {(Path.Length > 160 ? Path[..160] + "…" : Path)} [{ContentType}] " +
            string.Concat(Headers.Select(h => $"{h.Item1}: {(h.Item2.Length > 40 ? h.Item2[..40] + "…" : h.Item2)}; ")) +
            (Body is null ? "" : Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 200))));

        /// <summary>Routes to fuzz: the matrix's rows, with their patterns' placeholders to fill in.</summary>
        private static readonly (string Method, string Pattern)[] Routes = AuthorisationMatrixTests.Table
            .Select(r => (r.Method, r.Pattern))
            .Distinct()
            .ToArray();

        public static FuzzCase Next(Random random, int callers)
        {
            var caller = random.Next(callers);
            var (method, pattern) = Pick(random, Routes);
            // Signing out would end the fuzzing callers' own sessions; only callers without a session try it.
            if (method == "DELETE" && caller < Roles.Length) caller = Roles.Length + random.Next(callers - Roles.Length);
            // Each sign-in costs a password hash: keep them to about one in fifty.
            if (pattern == "/api/v1/session" && method == "POST" && random.Next(4) != 0) (method, pattern) =
                ("GET", "/api/v1/villages/{villageId}/overview");
            var headers = new List<(string, string)>();

            if (random.Next(25) == 0) method = Pick(random, ["PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "PUT", "DELETE", "POST", "GET"]);
            // Nor do they send any other DELETE: erasing a demo circle or volunteer cannot be undone.
            if (method == "DELETE" && caller < Roles.Length) method = "GET";
            // A hostile user name can be a demo account's ("vrijwilliger"), which the operator's session would block.
            if (pattern.EndsWith("/block", StringComparison.Ordinal) && caller < Roles.Length) pattern = pattern[..^"/block".Length]
                + "/unblock";
            // Or give it a new activation code, which replaces its password.
            if (pattern.EndsWith("/activation", StringComparison.Ordinal) && caller < Roles.Length) (method, pattern) =
                ("GET", "/api/v1/accounts");
            var path = FillPattern(random, pattern) + (random.Next(10) == 0 ? "?" + Query(random) : "");

            byte[]? body = null;
            string? contentType = null;
            var mayBeCut = false;
            if (method is "POST" or "PUT" or "PATCH" || random.Next(20) == 0)
            {
                (body, contentType, mayBeCut) = MakeBody(random, pattern);
            }
            AddHeaders(random, headers);
            return new FuzzCase(caller, method, pattern, path, body, contentType, headers, mayBeCut || body?.Length > 64 * 1024);
        }

        private static string FillPattern(Random random, string pattern)
        {
            var segments = pattern.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (!segments[i].StartsWith('{')) continue;
                var valid = segments[i] switch
                {
                    "{villageId}" => Pick(random, ["elsloo", "stein", "urmond"]),
                    "{circleId}" => Pick(random, ["mine", "c-demo", "c-0001", "c-0002"]),
                    "{partnerId}" => Pick(random, ["piw", "de-brug"]),
                    "{requestId}" => "r-" + random.Next(1000),
                    "{offerId}" => $"r-{random.Next(1000)}~v-demo",
                    "{userName}" => "niemand-" + random.Next(1000),
                    // Out of range only: a year in range would let the consultant record an appreciation, which cannot be undone.
                    "{year:int}" => Pick(random, ["1999", "2101", "0", "-5"]),
                    _ => "x",
                };
                segments[i] = random.Next(2) == 0 ? valid : HostileId(random);
            }
            return string.Join('/', segments);
        }

        private static string HostileId(Random random) => random.Next(12) switch
        {
            0 => "..%2F..%2F..%2Fetc%2Fpasswd",
            1 => "%2e%2e",
            2 => "c-demo%00",
            3 => Uri.EscapeDataString(Pick(random, HostileStrings)),
            4 => new string('a', random.Next(100, 6000)),
            5 => "%ZZ%",
            6 => Uri.EscapeDataString("c-demo/../c-0001"),
            7 => Uri.EscapeDataString(Pick(random, ["😀", "ｅｌｓｌｏｏ", "ELSLOO", "elsloo ", "\u202Eoolsle", "c-dem\u00f6", "İ", "ß"])),
            8 => Pick(random, ["-1", "0", "99999999999999999999", "null", "undefined", "NaN", "true", "%20", "+"]),
            9 => Uri.EscapeDataString("' OR '1'='1' --"),
            10 => Uri.EscapeDataString("<script>alert(1)</script>"),
            _ => Uri.EscapeDataString("~" + random.Next()),
        };

        private static string Query(Random random) => random.Next(5) switch
        {
            0 => "month=" + Uri.EscapeDataString(Pick(random, HostileStrings)),
            1 => "weeks=" + Pick(random, ["-1", "0", "99999999999", "abc", "1e5", "", "1&weeks=2"]),
            2 => "format=" + Uri.EscapeDataString(Pick(random, ["xml", "csv", "json", "../x", "<b>"])),
            3 => string.Join('&', Enumerable.Range(0, random.Next(1, 200)).Select(n => $"k{n}=v{n}")),
            _ => Uri.EscapeDataString(Pick(random, HostileStrings)) + "=" + Uri.EscapeDataString(Pick(random, HostileStrings)),
        };

        private static void AddHeaders(Random random, List<(string, string)> headers)
        {
            if (random.Next(6) != 0) return;
            switch (random.Next(9))
            {
                case 0:
                    headers.Add(("Idempotency-Key", Pick(random, ["", "a", new string('k', 200), "😀", "<x>",
                    "' OR 1=1"]))); headers.Add(("Idempotency-Key", "tweede")); break;
                case 1:
                    headers.Add(("Authorization", "Bearer " + Pick(random,
                    ["", "x", "null", new string('A', 5000), "CfDJ8.evil"]))); break;
                case 2: headers.Add(("Authorization", "Basic dnJpandpbGxpZ2VyOmtyaW5nLWRlbW8=")); break;
                case 3:
                    headers.Add(("Accept", Pick(random, ["text/html", "application/xml", "*/*;q=abc", "",
                    "image/png, application/problem+json;q=0"]))); break;
                case 4:
                    headers.Add(("X-Forwarded-For", Pick(random, ["not-an-ip", "1.2.3.4, 5.6.7.8, 9.9.9.9", "::1", "<script>",
                    "999.999.999.999", ""]))); break;
                case 5: headers.Add(("X-Forwarded-Proto", Pick(random, ["https", "gopher", "", "https, http"]))); break;
                case 6: headers.Add(("Accept-Language", Pick(random, ["xx-YY", "nl-NL;q=2", new string('a', 2000), "*"]))); break;
                case 7:
                    headers.Add(("Cookie", Pick(random, ["kring=garbage", "kring=", ".AspNetCore.Antiforgery.x=1; kring=CfDJ8",
                    new string('c', 3000) + "=1"]))); break;
                default: headers.Add(("Idempotency-Key", Guid.NewGuid().ToString())); break;
            }
        }

        private static (byte[]? Body, string? ContentType, bool MayBeCut) MakeBody(Random random, string pattern)
        {
            var json = "application/json";
            var contentType = random.Next(8) switch
            {
                0 => Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "application/json; charset=bogus", "application/problem+json", "", "*/*",
                        "application/json, text/plain"]),
                1 => null,
                _ => json,
            };
            var roll = random.Next(20);
            if (roll == 0) return (Encoding.UTF8.GetBytes(Pick(random, BrokenJson)), contentType, false);
            if (roll == 1)
            {
                var depth = random.Next(50, 3000);
                return (Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)), contentType, false);
            }
            if (roll == 2)
            {
                // Just under or well over the 64 kB limit.
                var size = Pick(random, [60_000, 66_000, 200_000, 1_000_000]);
                return (Encoding.UTF8.GetBytes("{\"notes\":\"" + new string('x', size) + "\"}"), contentType, size > 64 * 1024);
            }
            if (roll == 3) return ([0xEF, 0xBB, 0xBF, (byte)'{', 0xC3, 0x28, (byte)'}'], contentType, false);
            if (roll == 4) return ([], contentType, false);
            var body = new JsonObject();
            foreach (var (field, valid) in Fields(random, pattern))
            {
                // Mostly plausible values, so some requests get past validation with hostile content in the other fields.
                body[field] = random.Next(100) < 70 && valid is not null ? valid : Hostile(random, 0);
            }
            if (random.Next(10) == 0) body[Pick(random, HostileStrings)] = Hostile(random, 0);
            var text = body.ToJsonString();
            // A duplicate key, which System.Text.Json reads as the last one.
            if (random.Next(15) == 0 && text.Length > 2) text = text[..^1] + (text.Length > 2 ? "," : "") + "\"kind\":1}";
            return (Encoding.UTF8.GetBytes(text), contentType, false);
        }

        /// <summary>The route's fields, each with a plausible value (null: always hostile).</summary>
        private static IEnumerable<(string, JsonNode?)> Fields(Random random, string pattern)
        {
            var start = DateTimeOffset.UtcNow.AddDays(random.Next(1, 60)).AddHours(random.Next(24));
            start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
            if (pattern.EndsWith("/session", StringComparison.Ordinal))
            {
                yield return ("username", Pick(random, Roles));
                yield return ("password", null);
            }
            else if (pattern.EndsWith("/me/password", StringComparison.Ordinal))
            {
                yield return ("currentPassword", null);
                yield return ("newPassword", "een lang nieuw wachtwoord " + random.Next());
            }
            else if (pattern.EndsWith("/availability", StringComparison.Ordinal))
            {
                yield return ("weekly", new JsonArray(new JsonObject
                {
                    ["day"] = Pick(random, ["monday", "friday"]),
                    ["from"] = "09:00",
                    ["to"] = "12:00"
                }));
                yield return ("daysOff", new JsonArray("2031-01-01"));
                yield return ("paused", false);
            }
            else if (pattern.EndsWith("/preferences", StringComparison.Ordinal))
            {
                yield return ("kinds", new JsonArray("buddy", "respite"));
                yield return ("skills", new JsonArray("dementia", "mobility", "parkinson"));
                yield return ("maxKm", 5);
            }
            else if (pattern == "/api/v1/circles")
            {
                foreach (var field in CircleFields()) yield return field;
            }
            else if (pattern.EndsWith("/requests", StringComparison.Ordinal))
            {
                yield return ("kind", Pick(random, ["buddy", "respite"]));
                yield return ("start", start.ToString("o"));
                yield return ("end", start.AddHours(random.Next(1, 4)).ToString("o"));
                yield return ("needs", new JsonArray("parkinson"));
                yield return ("notes", Pick(random, HostileStrings.Where(s => s.Length <= 1000).ToList()));
                if (random.Next(4) == 0) yield return ("repeat", new JsonObject { ["weeks"] = random.Next(1, 4) });
                if (random.Next(4) == 0) yield return ("urgent", true);
            }
            else if (pattern.EndsWith("/assign", StringComparison.Ordinal))
            {
                yield return ("volunteerId", "v-demo");
                yield return ("reason", null);
            }
            else if (pattern.EndsWith("/unassign", StringComparison.Ordinal)) yield return ("reason", null);
            else if (pattern.EndsWith("/checkins", StringComparison.Ordinal)) yield return ("answers", null);
            else yield return (Pick(random, HostileStrings), null);
        }

        /// <summary>A circle's registration, never in a village Kring knows: it must never be accepted, as it cannot be undone.</summary>
        private static IEnumerable<(string, JsonNode?)> CircleFields()
        {
            yield return ("village", null);
            yield return ("carerName", "Proef Persoon");
            yield return ("carerAge", 50);
            yield return ("careRecipientName", "Naaste Proef");
            yield return ("relationship", "partner");
            yield return ("needs", new JsonArray("dementia"));
            yield return ("phone", "06-12345678");
            yield return ("address", "Proefstraat 1");
        }

        private static JsonNode? Hostile(Random random, int depth) => random.Next(depth > 2 ? 6 : 9) switch
        {
            0 => null,
            1 => random.Next(2) == 0,
            2 => Pick(random, new JsonNode[] { -1, 0, int.MaxValue, long.MinValue, 1e308, -0.0, 3.14159, decimal.MaxValue }),
            3 or 4 or 5 => FilteredHostile(random),
            6 => new JsonArray(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Hostile(random, depth + 1)).ToArray()),
            7 => new JsonObject(Enumerable.Range(0, random.Next(0, 8)).Select(i =>
                KeyValuePair.Create($"{Pick(random, HostileStrings)}{i}", Hostile(random, depth + 1)))),
            _ => new string((char)random.Next(0x20, 0xD7FF), random.Next(1, 20_000)),
        };

        private static string FilteredHostile(Random random)
        {
            var s = Pick(random, HostileStrings);
            // Never a real village (a circle registration must stay impossible) and never the demo password.
            return VillageIds.Contains(s.Trim().ToLowerInvariant()) || s == "kring-demo" ? "nergens" : s;
        }

        private static readonly string[] BrokenJson =
        [
            "{", "}", "[", "{\"kind\":}", "{\"kind\":\"buddy\"", "{'kind':'buddy'}", "{\"kind\":\"buddy\",}", "null", "\"tekst\"", "123",
                "true",
            "{\"start\":NaN}", "{\"start\":Infinity}", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u00\"}", "{\"a\":01}", "{\"a\":1e99999}",
                "<xml/>",
            "kind=buddy&start=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--",
                "{\"weekly\":{\"day\":\"monday\"}}",
            "{\"needs\":\"parkinson\"}", "{\"repeat\":{\"weeks\":\"veel\"}}", "{\"answers\":[1,2,3]}", "{\"maxKm\":\"ver\"}",
                "\u0000\u0001\u0002",
        ];

        public static readonly string[] HostileStrings =
        [
            "", " ", "\t\n", "null", "undefined", "NaN", "-1", "0", "1e309", "99999999999999999999999", "true", "[]", "{}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "<!--", "]]>",
                "</textarea><b>vet</b>",
            "' OR '1'='1", "'; DROP TABLE OrleansStorage; --", "1; SELECT * FROM KringSchema", "\" OR \"\"=\"", "admin'--",
                "%' UNION SELECT NULL--",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "/dev/null", "CON", "nul", "file:///etc/passwd",
            "😀🙃👨‍👩‍👧", "\u202Eevil", "ｍｏｎｄａｙ", "Ωmega", "\u0000", "\uFEFF", "e\u0301", "İstanbul", "straße", "مرحبا", "你好", "\u200B",
                "\r\n\r\nX-Injected: 1",
            "%s%s%s%n", "{0}{1}", "2027-13-45T25:61:00+01:00", "0000-00-00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z",
            "2027-03-01T10:00:00+99:99", "2027-03-01", "yesterday", "2027-03-01T10:00:00.00000000000001Z", "P1D", "25:00", "-01:00", "9:5",
            "monday", "maandag", "MONDAY ", "buddy", "respite", "taxi", "BUDDY", "parkinson", "Dementia", "c-demo", "mine", "v-demo",
                "elsloo", "piw",
            "kring-demo", "vrijwilliger", new string('x', 1000), new string('x', 1001), new string('é', 5000), new string('<', 3000),
        ];
    }
}
