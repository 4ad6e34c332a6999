using System.Text.Json;
using Kring.Testing;

namespace Kring.Web.Tests.Api;

/// <summary>The OpenAPI document describes every operation: its id, summary, description and what it answers.</summary>
[Collection(WebCollection.Name)]
public sealed class OpenApiDocumentTests(SharedApp shared)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_description_and_a_described_success()
    {
        using var document = JsonDocument.Parse(await shared.App.Client().GetStringAsync("/api/v1/openapi.json"));
        var operations = Operations(document.RootElement).ToList();
        Assert.NotEmpty(operations);
        var faults = new List<string>();
        foreach (var (name, operation) in operations)
        {
            foreach (var field in new[] { "operationId", "summary", "description" })
            {
                if (!operation.TryGetProperty(field,
                    out var value) || string.IsNullOrWhiteSpace(value.GetString())) faults.Add($"{name}: no {field}");
            }
            var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (successes.Count == 0) faults.Add($"{name}: no success response");
            // 204 No Content has no body to describe; every other success must say what it returns.
            foreach (var success in successes.Where(s =>
                s.Name != "204" && !HasSchema(s.Value))) faults.Add($"{name}: {success.Name} without a schema");
        }
        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Fact]
    public async Task Errors_are_described_as_problem_details_and_routes_behind_a_policy_name_the_security_schemes()
    {
        using var document = JsonDocument.Parse(await shared.App.Client().GetStringAsync("/api/v1/openapi.json"));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        var faults = new List<string>();
        foreach (var (name, operation) in Operations(document.RootElement))
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            foreach (var error in responses.Where(r => r.Name[0] is '4' or '5'))
            {
                if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                {
                    faults.Add($"{name}: {error.Name} is not a ProblemDetails");
                }
            }
            if (operation.TryGetProperty("security",
                out _) && responses.All(r => r.Name != "401")) faults.Add($"{name}: secured without a 401");
        }
        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement root) =>
        from path in root.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
}
