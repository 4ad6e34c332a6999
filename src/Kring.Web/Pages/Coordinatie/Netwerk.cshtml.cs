using Kring.Balance;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>
/// A partner coordinator rates the collaboration in one of the partner's villages on the five questions, with the
/// village's initiatives and good examples (pareltjes) in view, and sees how the partners' average moves per quarter.
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class NetwerkModel(IGrainFactory grains) : PageModel
{
    public PartnerInfo? Partner { get; private set; }
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public VillageInfo? Village { get; private set; }
    public string Quarter { get; } = NetworkQuestions.Quarter(TimeProvider.System.GetUtcNow());
    public IReadOnlyList<(string Quarter, int Ratings, IReadOnlyDictionary<string, double> Averages, double Overall)> Trend
    {
        get;
        private set;
    } = [];
    [BindProperty(SupportsGet = true, Name = "dorp")] public string? VillageId { get; set; }
    [BindProperty] public Dictionary<string, int> Answers { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGet()
    {
        await Load(keepAnswers: false);
        return Partner is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPost()
    {
        var refusal = await NetworkRatingDesk.Rate(grains, KringUser.From(User)!, VillageId ?? "", Answers, Errors);
        switch (refusal)
        {
            case NetworkRatingDesk.Refusal.NoSuchVillage: return NotFound();
            case NetworkRatingDesk.Refusal.NotOurVillage: return Forbid();
            case NetworkRatingDesk.Refusal.Invalid:
                await Load(keepAnswers: true);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
        Message = Texts.T("Dank u. Uw beoordeling voor {0} is bewaard; een nieuwe in dit kwartaal vervangt haar.", Quarter);
        return RedirectToPage(new { dorp = VillageId });
    }

    private async Task Load(bool keepAnswers)
    {
        Partner = await grains.GetGrain<IPartnerGrain>(KringUser.From(User)!.PartnerId!).GetInfo();
        if (Partner is null) return;
        Villages = await NetworkRatingDesk.VillagesOf(grains, Partner);
        Village = Villages.FirstOrDefault(v => v.Id == VillageId) ?? (Villages.Count == 1 ? Villages[0] : null);
        if (Village is null) return;
        VillageId = Village.Id;
        var ratings = await grains.GetGrain<INetworkHealthGrain>(Village.Id).GetRatings();
        Trend = NetworkQuestions.Trend(ratings);
        if (keepAnswers) return;
        // This quarter's own rating, so the coordinator changes it rather than starting over.
        var mine = ratings.LastOrDefault(r => r.PartnerId == Partner.Id && NetworkQuestions.Quarter(r.At) == Quarter);
        if (mine is not null) Answers = mine.Answers.ToDictionary();
    }
}
