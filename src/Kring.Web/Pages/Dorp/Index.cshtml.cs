using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Dorp;

public sealed class DorpModel(IGrainFactory grains) : PageModel
{
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public VillageMembers? Members { get; private set; }
    public VillageOverview? Overview { get; private set; }
    public bool ShowPeople { get; private set; }
    public IReadOnlyList<VolunteerProfile> Volunteers { get; private set; } = [];
    public IReadOnlyList<CircleProfile> Circles { get; private set; } = [];

    public async Task<IActionResult> OnGet(string? dorp)
    {
        var user = KringUser.From(User)!;
        var all = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        Villages = all.Where(v => user.CanSeeVillage(v.Id)).ToList();
        var id = dorp ?? user.VillageId ?? Villages.FirstOrDefault()?.Id;
        if (id is null) return Page();
        if (!user.CanSeeVillage(id)) return Forbid();
        var village = grains.GetGrain<IVillageGrain>(id);
        if (await village.GetInfo() is null) return NotFound();
        Members = await village.GetMembers();
        Overview = await village.GetOverview();
        // The operator keeps the cluster running and sees counts; only the contact person and the consultant see people.
        ShowPeople = user.Role is Role.VillageContact or Role.CarerConsultant;
        if (ShowPeople)
        {
            Volunteers = (await Task.WhenAll(Members.Volunteers.Select(v => grains.GetGrain<IVolunteerGrain>(v).GetProfile()))).OfType<VolunteerProfile>().ToList();
            Circles = (await Task.WhenAll(Members.Circles.Select(c => grains.GetGrain<ICarerCircleGrain>(c).Get()))).OfType<CircleView>().Select(c => c.Profile).ToList();
        }
        return Page();
    }
}
