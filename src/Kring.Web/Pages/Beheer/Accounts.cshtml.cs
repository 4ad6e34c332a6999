using Kring.Web.Api;
using Kring.Web.Input;
using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Beheer;

/// <summary>
/// The operator's account desk: the staff accounts, signing up a new one, and blocking or unblocking any account (a
/// volunteer's or carer's too, by user name), lifting the throttles after failed sign-ins, and a new activation code for
/// any account. Blocking and a new code end the account's sessions. A code is shown on the answer to the post itself,
/// never carried in TempData.
/// </summary>
public sealed class AccountsModel(IGrainFactory grains, SessionStamps stamps, SecurityLog log, Accounts accounts) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; } = "consultant";
    [BindProperty] public string? Village { get; set; }
    [BindProperty] public string? Partner { get; set; }
    [BindProperty] public string? Email { get; set; }
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }
    public IReadOnlyList<AccountDto> Staff { get; private set; } = [];
    public IReadOnlyList<VillageInfo> Villages { get; private set; } = [];
    public IReadOnlyList<PartnerInfo> Partners { get; private set; } = [];
    public FieldErrors Errors { get; } = new();
    public ActivationNotice? Activation { get; private set; }

    public static string RoleName(string code) => Privacy.AccessTexts.Role(AccountDesk.RoleOf(code));

    public async Task OnGet() => await Load();

    public async Task<IActionResult> OnPostCreate()
    {
        var created = await AccountDesk.CreateStaff(
            grains, accounts, log, HttpContext, new AccountDesk.StaffForm(UserName, DisplayName, Role, Village, Partner, Email), Errors);
        await Load();
        if (created is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Activation = ActivationNotice.For(created, Texts.T("{0} kan nu inloggen als {1} met de gebruikersnaam {2}.",
            created.DisplayName, Texts.T(RoleName(created.Role)), created.UserName));
        ModelState.Clear();
        UserName = DisplayName = Village = Partner = Email = null;
        Role = "consultant";
        return Page();
    }

    public async Task<IActionResult> OnPostActivation(string? account)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            Errors.Add("account", "Vul de gebruikersnaam in.");
            await Load();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var issued = await AccountDesk.NewActivation(grains, accounts, HttpContext, account);
        if (issued is null)
        {
            MessageIsError = true;
            Message = Texts.T("Er is geen account met de gebruikersnaam {0}.", account.Trim());
            return RedirectToPage();
        }
        await Load();
        Activation = ActivationNotice.For(
            issued, Texts.T("{0} heeft een nieuwe activeringscode; het oude wachtwoord of de oude code werkt niet meer.", issued.UserName));
        return Page();
    }

    public Task<IActionResult> OnPostBlock(string? account) => SetBlocked(account, true);

    public Task<IActionResult> OnPostUnblock(string? account) => SetBlocked(account, false);

    public async Task<IActionResult> OnPostUnthrottle(string? account)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            Errors.Add("account", "Vul de gebruikersnaam in.");
            await Load();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var lifted = await AccountDesk.LiftThrottles(grains, accounts, HttpContext, account);
        MessageIsError = lifted is null;
        Message = lifted is null
            ? Texts.T("Er is geen account met de gebruikersnaam {0}.", account.Trim())
            : Texts.T("{0} kan weer meteen inloggen vanaf elk adres.", lifted.UserName);
        return RedirectToPage();
    }

    private async Task<IActionResult> SetBlocked(string? account, bool blocked)
    {
        if (string.IsNullOrWhiteSpace(account))
        {
            Errors.Add("account", "Vul de gebruikersnaam in.");
            await Load();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (outcome, changed) = await AccountDesk.SetBlocked(grains, stamps, log, HttpContext, account, blocked);
        MessageIsError = outcome != AccountDesk.BlockOutcome.Done;
        Message = outcome switch
        {
            AccountDesk.BlockOutcome.NotFound => Texts.T("Er is geen account met de gebruikersnaam {0}.", account.Trim()),
            AccountDesk.BlockOutcome.Self => Texts.T("U kunt uw eigen account niet blokkeren."),
            _ when blocked => Texts.T("{0} is geblokkeerd: inloggen kan niet meer en lopende sessies zijn beëindigd.", changed!.UserName),
            _ => Texts.T("{0} kan weer inloggen.", changed!.UserName),
        };
        return RedirectToPage();
    }

    private async Task Load()
    {
        Staff = (await AccountDesk.Staff(grains, KringUser.Current(HttpContext)))
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCulture).ToList();
        var directory = grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default);
        Villages = (await directory.GetVillages()).OrderBy(v => v.Name, StringComparer.CurrentCulture).ToList();
        Partners = (await directory.GetPartners()).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }
}
