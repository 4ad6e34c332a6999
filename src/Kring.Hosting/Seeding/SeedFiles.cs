using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kring.Hosting.Seeding;

public sealed record MunicipalitySeed(
    string Version, RegionSeed Region, List<VillageSeed> Villages, List<InitiativeSeed> Initiatives, List<PartnerSeed> Partners);
public sealed record RegionSeed(string Id, string Name);
public sealed record VillageSeed(string Id, string Name, double Lat, double Lon, List<string> Neighbours);
public sealed record InitiativeSeed(string Village, string Name, string Description);
public sealed record PartnerSeed(string Id, string Name, List<PartnerService> Services, List<string> Villages, string Description);

public sealed record DemoSeed(
    int Seed, int Circles, int YoungCarers, int Volunteers, Dictionary<string, int> VillageWeights,
    List<string> FirstNames, List<string> Surnames, List<string> CareNeeds, List<string> Relationships,
    List<DemoAccountSeed> Accounts, string Password);

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

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "seeds", "stein");

    public static MunicipalitySeed Municipality() => Read<MunicipalitySeed>("municipality.json");

    public static DemoSeed Demo() => Read<DemoSeed>("demo.json");

    private static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Directory, file)), Json)
        ?? throw new InvalidDataException($"Seed file {file} is empty.");
}
