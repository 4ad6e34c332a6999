using Kring.Web.Import;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// Importing a file of carers (circles, by the consultant, into one municipality) or of a partner's volunteers (by its
/// coordinator), for the API and the pages alike. All or nothing: the file is read and checked first
/// (<see cref="CircleImportFile"/>, <see cref="VolunteerImportFile"/>), then each row's grain is read, and only when no row
/// has a problem is anything written. A row's grain id is made from the municipality or partner and the row's externalId,
/// so the same file imported again finds the same grains: a row whose grain holds what the row says is left alone. The
/// grains are called <see cref="Batch"/> at a time.
/// </summary>
public static partial class ImportDesk
{
    public const int Batch = 32;

    public enum Refusal { None, NotAllowed, NoSuchMunicipality, Invalid }

    /// <summary>What an import does (or did) with a row.</summary>
    public enum Change { New, Unchanged, Updated }

    /// <summary>One row's outcome. <see cref="UserName"/>: the account made for a new volunteer with an e-mail address.</summary>
    public sealed record Line(int Row, string ExternalId, string Id, string Name, Change Change, string? UserName = null);

    /// <summary>The rows and what happens to each (on a dry run: what would), or the problems that stopped the import.</summary>
    public sealed record Outcome(Refusal Refusal, bool DryRun, IReadOnlyList<Line> Lines, IReadOnlyList<RowProblems> Problems)
    {
        public int Count(Change change) => Lines.Count(l => l.Change == change);
    }

    private static readonly ImportProblem ErasedCircle =
        new(null, "Deze kring is gewist en komt niet terug. Geef de rij een ander externalId als het om een nieuwe kring gaat.");
    private static readonly ImportProblem MovedCircle =
        new("village", "Dit is een ander dorp dan dat van de kring in Kring; een kring verhuist niet met een import.");

    /// <summary>
    /// May the user import carers into the municipality? The consultant may, for a municipality they work in; a municipality
    /// without villages does not exist. Also the villages, for reading the file.
    /// </summary>
    public static async Task<(Refusal Refusal, IReadOnlyList<VillageInfo> Villages)> CircleTarget(
        IGrainFactory grains, KringUser user, string municipalityId)
    {
        if (user.Role != Role.CarerConsultant) return (Refusal.NotAllowed, []);
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        if (villages.All(v => v.Region != municipalityId)) return (Refusal.NoSuchMunicipality, []);
        return user.WorksIn(municipalityId) ? (Refusal.None, villages) : (Refusal.NotAllowed, []);
    }

    /// <summary>Reads, checks and (unless <paramref name="dryRun"/>) imports a file of carers into the municipality.</summary>
    public static async Task<Outcome> Circles(IGrainFactory grains, KringUser user, string municipalityId, byte[] file, bool dryRun)
    {
        var (refusal, villages) = await CircleTarget(grains, user, municipalityId);
        if (refusal != Refusal.None) return new Outcome(refusal, dryRun, [], []);
        return await ImportCircles(grains, CircleImportFile.Read(file, municipalityId, villages), dryRun);
    }

    /// <summary>
    /// The grains' part of a carers' import, for a file that has been read: nothing is written when a row has a problem, here
    /// a circle that was erased or lies in another village; otherwise new circles are registered and changed ones registered
    /// again with the file's details, keeping the contact details the carer gave.
    /// </summary>
    public static async Task<Outcome> ImportCircles(IGrainFactory grains, CircleImportFile file, bool dryRun)
    {
        if (file.Problems.Count > 0) return new Outcome(Refusal.Invalid, dryRun, [], file.Problems);
        var held = await InBatches(file.Rows, async row =>
        {
            var circle = grains.GetGrain<ICarerCircleGrain>(row.Id);
            var view = await circle.Get();
            return (View: view, Erased: view is null && await circle.IsErased());
        });
        var lines = new List<Line>();
        var problems = new List<RowProblems>();
        foreach (var (row, (view, erased)) in file.Rows.Zip(held))
        {
            var problem = erased ? ErasedCircle : view is not null && view.Profile.Village != row.Profile.Village ? MovedCircle : null;
            if (problem is not null) problems.Add(new RowProblems(row.Row, [problem]));
            var change = view is null ? Change.New : Same(view.Profile, row.Profile) ? Change.Unchanged : Change.Updated;
            lines.Add(new Line(row.Row, row.ExternalId, row.Id, row.Profile.CarerName, change));
        }
        if (problems.Count > 0) return new Outcome(Refusal.Invalid, dryRun, [], problems);
        if (!dryRun)
        {
            var writes = file.Rows.Zip(held, lines).Where(w => w.Third.Change != Change.Unchanged).ToList();
            await InBatches(writes, w => w.Second.View is { } view
                ? grains.GetGrain<ICarerCircleGrain>(w.First.Id).Register(w.First.Profile with { Contact = view.Profile.Contact })
                : CircleDesk.RegisterOnce(grains, w.First.Profile));
        }
        return new Outcome(Refusal.None, dryRun, lines, []);
    }

    /// <summary>Records <i>kring aangemeld</i> in the access log of every circle the import registered or changed.</summary>
    public static Task LogCircles(Privacy.AccessLog log, HttpContext http, Outcome outcome) =>
        outcome.DryRun ? Task.CompletedTask
            : InBatches(outcome.Lines.Where(l => l.Change != Change.Unchanged).ToList(),
                l => log.Record(http, l.Id, AccessKind.Registered));

    private static bool Same(CircleProfile held, CircleProfile wanted) =>
        held.Village == wanted.Village && held.CarerName == wanted.CarerName && held.CarerAge == wanted.CarerAge
        && held.CareRecipientName == wanted.CareRecipientName && held.Relationship == wanted.Relationship
        && held.Phone == wanted.Phone && held.Address == wanted.Address && SameSet(held.CareNeeds, wanted.CareNeeds);

    private static bool SameSet<T>(IEnumerable<T> a, IEnumerable<T> b) => a.Order().SequenceEqual(b.Order());

    private static async Task<IReadOnlyList<TResult>> InBatches<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> call)
    {
        var results = new List<TResult>(items.Count);
        foreach (var batch in items.Chunk(Batch)) results.AddRange(await Task.WhenAll(batch.Select(call)));
        return results;
    }

    private static async Task InBatches<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        foreach (var batch in items.Chunk(Batch)) await Task.WhenAll(batch.Select(call));
    }
}
