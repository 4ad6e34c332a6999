using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.SocialeKaart;

/// <summary>
/// The municipality's staff keep a partner's details on the sociale kaart up to date (<c>?organisatie=piw</c>): the same
/// use case as <c>PUT /api/v1/partners/{id}</c> (<see cref="PartnerDesk"/>).
/// </summary>
[Authorize(Roles = nameof(Role.CarerConsultant) + "," + nameof(Role.Operator))]
public sealed class BewerkenModel(IGrainFactory grains) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "organisatie")] public string? PartnerId { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string> Services { get; set; } = [];
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? OpeningHours { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Website { get; set; }
    [BindProperty(Name = "Villages")] public List<string> Served { get; set; } = [];
    public PartnerInfo? Partner { get; private set; }
    /// <summary>The villages the partner may work in: those of its municipality that the user's work reaches.</summary>
    public IReadOnlyList<VillageInfo> Choices { get; private set; } = [];
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGet()
    {
        if (await Load() is { } refused) return refused;
        var partner = Partner!;
        Description = partner.Description;
        Services = partner.Services.Select(PartnerDesk.Code).ToList();
        Address = partner.Address;
        OpeningHours = partner.OpeningHours;
        Phone = partner.Phone;
        Website = partner.Website;
        Served = partner.Villages.ToList();
        return Page();
    }

    public async Task<IActionResult> OnPost()
    {
        if (await Load() is { } refused) return refused;
        var form = new PartnerDesk.Form(Description, Services, Address, OpeningHours, Phone, Website, Served);
        var (refusal, saved) = await PartnerDesk.Save(grains, KringUser.Current(HttpContext), Partner!.Id, form, Errors);
        if (refusal == PartnerDesk.Refusal.NotAllowed) return Forbid();
        if (refusal == PartnerDesk.Refusal.NoSuchPartner) return NotFound();
        if (refusal == PartnerDesk.Refusal.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Message"] = Texts.T("De gegevens van {0} zijn bijgewerkt.", saved!.Name);
        return Redirect("/SocialeKaart#organisatie-" + Uri.EscapeDataString(saved.Id));
    }

    /// <summary>The partner and the villages to choose from; a result when the page cannot be shown to this user.</summary>
    private async Task<IActionResult?> Load()
    {
        if (string.IsNullOrWhiteSpace(PartnerId)) return NotFound();
        if (await grains.GetGrain<IPartnerGrain>(PartnerId.Trim()).GetInfo() is not { } partner) return NotFound();
        Partner = partner;
        var user = KringUser.Current(HttpContext);
        var villages = await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages();
        if (!PartnerDesk.MayEdit(user, partner, villages)) return Forbid();
        Choices = villages.Where(v => (partner.Municipality is null || v.Region == partner.Municipality) && user.WorksIn(v.Region))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
        return null;
    }
}
