using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>The seed loads again with every new version; it must not undo what the staff changed on the sociale kaart.</summary>
public sealed class PartnerDetailsTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task The_seed_loading_again_keeps_what_staff_changed_and_the_directory_lists_it()
    {
        var w = _world;
        var village = await w.Village("dorp");
        var id = w.Id("steunpunt");
        var grain = w.PartnerGrain(id);
        var seed = new PartnerInfo(id, "Steunpunt", "Uit de seed.", [PartnerService.InformationAndAdvice], [], Phone: "046-000 0001",
            Municipality: w.Region);
        await grain.Define(seed);
        await grain.Define(seed with
        {
            Description = "Bijgewerkt door de consulent.",
            Phone = "046-000 0002",
            Villages = [village],
            UpdatedBy = "consulent",
            UpdatedAt = World.Wednesday10,
        });

        await grain.Define(seed with { Name = "Steunpunt Zuid" });

        var info = (await grain.GetInfo())!;
        Assert.Equal("Steunpunt Zuid", info.Name);
        Assert.Equal("Bijgewerkt door de consulent.", info.Description);
        Assert.Equal("046-000 0002", info.Phone);
        Assert.Equal([village], info.Villages);
        Assert.Equal("consulent", info.UpdatedBy);
        Assert.Equal(World.Wednesday10, info.UpdatedAt);
        var listed = (await w.Grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetPartners()).Single(p => p.Id == id);
        Assert.Equal("Steunpunt Zuid", listed.Name);
        Assert.Equal("Bijgewerkt door de consulent.", listed.Description);
    }
}
