using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kring.Hosting.Seeding;

public sealed record MunicipalitySeed(
    string Version, RegionSeed Region, List<VillageSeed> Villages, List<InitiativeSeed> Initiatives, List<PartnerSeed> Partners);
public sealed record RegionSeed(string Id, string Name);
public sealed record VillageSeed(string Id, string Name, double Lat, double Lon, List<string> Neighbours);
public sealed record InitiativeSeed(string Village, string Name, string Description);
public sealed record PartnerSeed(
    string Id, string Name, List<PartnerService> Services, List<string> Villages, string Description, string? Address = null,
    string? OpeningHours = null, string? Phone = null, string? Website = null);

/// <summary>
/// A municipality's fictional population. <see cref="IdPrefix"/> keeps its generated circles and volunteers apart from
/// another municipality's; the generated volunteers belong to <see cref="BuddyPartner"/> or <see cref="RespitePartner"/>.
/// </summary>
public sealed record DemoSeed(
    int Seed, int Circles, int YoungCarers, int Volunteers, Dictionary<string, int> VillageWeights,
    List<string> FirstNames, List<string> Surnames, List<string> CareNeeds, List<string> Relationships,
    List<DemoAccountSeed> Accounts, string Password, string IdPrefix = "", string BuddyPartner = "piw",
    string RespitePartner = "de-brug");

public sealed record DemoAccountSeed(
    string UserName, string DisplayName, Role Role, string? Village, DemoVolunteerSeed? Volunteer, DemoCircleSeed? Circle,
    string? Partner = null, DemoMemberSeed? Member = null);
/// <summary>One of a demo circle's own people.</summary>
public sealed record DemoMemberSeed(string Id, string Circle, CircleRelation Relation, string? UsualTimes);
public sealed record DemoVolunteerSeed(
    string Id, List<HelpKind> Kinds, List<string> Skills, double MaxKm, double MaxHoursPerWeek, string? Partner);
public sealed record DemoCircleSeed(
    string Id, int CarerAge, string CareRecipientName, string Relationship, List<string> CareNeeds, string Phone, string Address);

public static class SeedFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The municipality the tests, benchmarks and a one-municipality deployment know best.</summary>
    public const string Stein = "stein";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "seeds");

    /// <summary>
    /// The municipalities to load: those named (Kring:Municipalities), else every folder under seeds/ that holds a
    /// municipality.json, in name order.
    /// </summary>
    public static IReadOnlyList<string> Municipalities(IReadOnlyCollection<string>? named = null) =>
        named is { Count: > 0 }
            ? named.Select(n => n.Trim().ToLowerInvariant()).Distinct().ToList()
            : System.IO.Directory.GetDirectories(Root)
                .Where(d => File.Exists(Path.Combine(d, "municipality.json")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static MunicipalitySeed Municipality(string id = Stein) => Read<MunicipalitySeed>(id, "municipality.json")
        ?? throw new InvalidDataException($"There is no seeds/{id}/municipality.json.");

    /// <summary>The municipality's demo population, or null when it has none.</summary>
    public static DemoSeed? Demo(string id = Stein) => Read<DemoSeed>(id, "demo.json");

    private static T? Read<T>(string municipality, string file) where T : class
    {
        var path = Path.Combine(Root, municipality, file);
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"Seed file {municipality}/{file} is empty.");
    }
}
