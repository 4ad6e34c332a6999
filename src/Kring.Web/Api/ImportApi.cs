using System.Reflection;
using System.Text.RegularExpressions;
using Kring.Web.Import;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using static Kring.Web.Security.AuthSetup;

namespace Kring.Web.Api;

/// <summary>A row of an import and what happens (on a dry run: would happen) to it: <c>new</c>, <c>updated</c>, <c>unchanged</c>.</summary>
public sealed record ImportRowResponse(int Row, string ExternalId, string Id, string Outcome, string? UserName);
/// <summary>An import's answer: the counts, and every row of the file.</summary>
public sealed record ImportResponse(bool DryRun, int New, int Updated, int Unchanged, IReadOnlyList<ImportRowResponse> Rows);
/// <summary>A row with problems; row 1 is the header, row 0 the file as a whole.</summary>
public sealed record ImportRowProblemResponse(int Row, IReadOnlyList<string> Problems);

/// <summary>The 400 of an import, as the OpenAPI document describes it: a ProblemDetails with the rows and their problems.</summary>
public sealed class ImportProblemDetails : ProblemDetails
{
    public IReadOnlyList<ImportRowProblemResponse> Rows { get; init; } = [];
}

/// <summary>400: the file has problems, so nothing was stored; <c>rows</c> lists them per row.</summary>
public sealed class ImportFileProblem : ProblemResult, IEndpointMetadataProvider
{
    public ImportFileProblem(IReadOnlyList<RowProblems> problems)
        : base(Details(StatusCodes.Status400BadRequest, Problems.InvalidInput,
            "Er is niets opgeslagen. Los de problemen in de genoemde rijen op en stuur het hele bestand opnieuw.")) =>
        Value.Extensions["rows"] = problems.Select(p => new ImportRowProblemResponse(p.Row, p.Problems.Select(x => x.ToString()).ToList()))
            .ToList();

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status400BadRequest, typeof(ImportProblemDetails));
}

/// <summary>413: the file is larger than an import takes.</summary>
public sealed class FileTooLargeProblem()
    : ProblemResult(Details(StatusCodes.Status413PayloadTooLarge, Problems.Titles[StatusCodes.Status413PayloadTooLarge],
        $"Een importbestand is hooguit {CsvImport.MaxBytes / 1024 / 1024} MB en {CsvImport.MaxRows} rijen; splits het in delen.")),
        IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>415: the body is not CSV in UTF-8.</summary>
public sealed class NotCsvProblem()
    : ProblemResult(Details(StatusCodes.Status415UnsupportedMediaType, "Dit type inhoud wordt niet ondersteund; stuur CSV.",
        $"Stuur het bestand als de inhoud van de aanvraag, met Content-Type: {ImportApi.CsvMediaType} (UTF-8).")),
        IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>
/// Importing carers (as circles) and a partner's volunteers from CSV, the file being the request's body; <c>?dryRun=true</c>
/// answers what would happen and stores nothing. The work is <see cref="ImportDesk"/>'s, shared with the pages.
/// </summary>
public static partial class ImportApi
{
    public const string CsvMediaType = "text/csv";
    /// <summary>
    /// The largest request an import route or page takes (the file, or on a page the file carried base64-encoded from the
    /// preview to the import, with the form around it); above the others' 64 kB.
    /// </summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    private const string OtherMunicipality = "U werkt niet in deze gemeente.";
    private const string NoMunicipality = "Deze gemeente kennen we niet.";
    private const string OtherPartner = "U bent geen coördinator van deze organisatie.";

    public static void MapKringImportApi(this IEndpointRouteBuilder app)
    {
        // Outside the resilience pipeline of the other routes: a file of thousands of rows may take longer than its 10 s
        // timeout. An import is idempotent, so a client that gave up sends the file again.
        var api = app.MapGroup("/api/v1").WithCommonProblems();
        api.MapPost("/municipalities/{municipalityId}/import/circles", ImportCircles)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.CarerConsultant)))
            .AddOpenApiOperationTransformer((operation, _, _) => CsvBody(operation))
            .Doc("importCircles", ApiTags.Circles, "Import carers as circles",
                "The consultant registers the carers of a CSV file (UTF-8, a header row, ; or , between the fields) as circles in a " +
                "municipality they work in. Columns: externalId, village, carerName, carerAge, careRecipientName, relationship, " +
                "needs (separated by |), phone, address. All or nothing: a file with a bad row stores nothing and answers 400 with " +
                "the rows and their problems. Importing the same file again changes nothing (each circle's id comes from the " +
                "municipality and the externalId). ?dryRun=true answers what would happen and stores nothing.");
        api.MapPost("/partners/{partnerId}/import/volunteers", ImportVolunteers)
            .RequireAuthorization(Policies.Coordinator).AddOpenApiOperationTransformer((operation, _, _) => CsvBody(operation))
            .Doc("importVolunteers", ApiTags.Partners, "Import the partner's volunteers",
                "The partner's coordinator signs up the volunteers of a CSV file (as for circles). Columns: externalId, " +
                "displayName, village, kinds (buddy or maatje, respite or vervangende zorg; separated by |), skills (separated by " +
                "|), maxKm, maxHoursPerWeek, email, phone. A new volunteer with an e-mail address gets an account, whose user " +
                "name and one-time code go by mail. All or nothing, idempotent, and ?dryRun=true as for circles.");
    }

    /// <summary>
    /// The request body in the OpenAPI document: the file, as text/csv. Not declared with Accepts, whose content-type
    /// matching in routing would answer 415 before the sign-in is checked.
    /// </summary>
    private static Task CsvBody(OpenApiOperation operation)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The CSV file: UTF-8, a header row naming the columns, ; or , between the fields.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [CsvMediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>Is this one of the paths that take an import file, API or page? Their requests may be larger.</summary>
    public static bool TakesFile(PathString path) => path.Value is { } value && UploadPath().IsMatch(value);

    private static async Task<Results<Ok<ImportResponse>, ImportFileProblem, ForbiddenProblem, NotFoundProblem, FileTooLargeProblem,
        NotCsvProblem>> ImportCircles(string municipalityId, bool? dryRun, HttpContext http, IGrainFactory grains, Privacy.AccessLog log)
    {
        var user = KringUser.Current(http);
        var (refusal, _) = await ImportDesk.CircleTarget(grains, user, municipalityId);
        if (refusal == ImportDesk.Refusal.NoSuchMunicipality) return Problems.NotFound(NoMunicipality);
        if (refusal != ImportDesk.Refusal.None) return Problems.Forbidden(OtherMunicipality);
        if (!IsCsv(http.Request)) return new NotCsvProblem();
        if (await ReadFile(http.Request) is not { } file) return new FileTooLargeProblem();
        var outcome = await ImportDesk.Circles(grains, user, municipalityId, file, dryRun == true);
        await ImportDesk.LogCircles(log, http, outcome);
        return outcome.Refusal switch
        {
            ImportDesk.Refusal.None => TypedResults.Ok(ToDto(outcome)),
            ImportDesk.Refusal.NoSuchMunicipality => Problems.NotFound(NoMunicipality),
            ImportDesk.Refusal.NotAllowed => Problems.Forbidden(OtherMunicipality),
            _ => new ImportFileProblem(outcome.Problems),
        };
    }

    private static async Task<Results<Ok<ImportResponse>, ImportFileProblem, ForbiddenProblem, NotFoundProblem, FileTooLargeProblem,
        NotCsvProblem>> ImportVolunteers(
        string partnerId, bool? dryRun, HttpContext http, IGrainFactory grains, Accounts accounts, SecurityLog log)
    {
        var user = KringUser.Current(http);
        if ((await ImportDesk.VolunteerTarget(grains, user, partnerId)).Refusal != ImportDesk.Refusal.None)
        {
            return Problems.Forbidden(OtherPartner);
        }
        if (!IsCsv(http.Request)) return new NotCsvProblem();
        if (await ReadFile(http.Request) is not { } file) return new FileTooLargeProblem();
        var outcome = await ImportDesk.Volunteers(grains, new ImportDesk.Requester(user, accounts, log, http), partnerId, file,
            dryRun == true);
        return outcome.Refusal switch
        {
            ImportDesk.Refusal.None => TypedResults.Ok(ToDto(outcome)),
            ImportDesk.Refusal.NotAllowed => Problems.Forbidden(OtherPartner),
            _ => new ImportFileProblem(outcome.Problems),
        };
    }

    /// <summary>text/csv, in UTF-8 when a charset is named.</summary>
    private static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var media)
        && media.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole body, or null when it is larger than an import file may be.</summary>
    private static async Task<byte[]?> ReadFile(HttpRequest request)
    {
        if (request.ContentLength > CsvImport.MaxBytes) return null;
        using var file = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (file.Length + read > CsvImport.MaxBytes) return null;
            file.Write(buffer.AsSpan(0, read));
        }
        return file.ToArray();
    }

    private static ImportResponse ToDto(ImportDesk.Outcome outcome) =>
        new(outcome.DryRun, outcome.Count(ImportDesk.Change.New), outcome.Count(ImportDesk.Change.Updated),
            outcome.Count(ImportDesk.Change.Unchanged),
            outcome.Lines.Select(l => new ImportRowResponse(l.Row, l.ExternalId, l.Id, Code(l.Change), l.UserName)).ToList());

    private static string Code(ImportDesk.Change change) => change switch
    {
        ImportDesk.Change.New => "new",
        ImportDesk.Change.Updated => "updated",
        _ => "unchanged",
    };

    [GeneratedRegex(@"^/(api/v1/(municipalities/[^/]+/import/circles|partners/[^/]+/import/volunteers)|Kringen/Importeren|" +
        "Coordinatie/Importeren)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex UploadPath();
}
