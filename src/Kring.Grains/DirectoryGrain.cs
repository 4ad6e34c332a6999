namespace Kring.Grains;

[GenerateSerializer, Alias("kring.state.Directory")]
public sealed class DirectoryState
{
    [Id(0)] public Dictionary<string, VillageInfo> Villages { get; set; } = new();
    [Id(1)] public Dictionary<string, PartnerInfo> Partners { get; set; } = new();
    [Id(2)] public SortedSet<int> AppreciationYears { get; set; } = new();
    [Id(3)] public Dictionary<string, MunicipalityInfo> Municipalities { get; set; } = new();
}

public sealed class DirectoryGrain(
    [PersistentState("directory", KringStorage.Name)] IPersistentState<DirectoryState> state) : Grain, IDirectoryGrain
{
    public async Task RegisterAppreciationYear(int year)
    {
        if (state.State.AppreciationYears.Add(year)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<int>> GetAppreciationYears() => Task.FromResult<IReadOnlyList<int>>(state.State.AppreciationYears.ToList());

    public async Task RegisterMunicipality(MunicipalityInfo municipality)
    {
        if (state.State.Municipalities.TryGetValue(municipality.Id, out var known) && known == municipality) return;
        state.State.Municipalities[municipality.Id] = municipality;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<MunicipalityInfo>> GetMunicipalities() =>
        Task.FromResult<IReadOnlyList<MunicipalityInfo>>(
            state.State.Municipalities.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList());

    public async Task RegisterVillage(VillageInfo village)
    {
        if (state.State.Villages.TryGetValue(village.Id, out var known) && Same(known, village)) return;
        state.State.Villages[village.Id] = village;
        await state.WriteStateAsync();
    }

    public async Task RegisterPartner(PartnerInfo partner)
    {
        if (state.State.Partners.TryGetValue(partner.Id, out var known) && Same(known, partner)) return;
        state.State.Partners[partner.Id] = partner;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<VillageInfo>> GetVillages() =>
        Task.FromResult<IReadOnlyList<VillageInfo>>(state.State.Villages.Values.OrderBy(v => v.Name, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<PartnerInfo>> GetPartners() =>
        Task.FromResult<IReadOnlyList<PartnerInfo>>(state.State.Partners.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());

    // Records compare lists by reference, so compare their JSON-like shape instead.
    private static bool Same<T>(T a, T b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);
}
