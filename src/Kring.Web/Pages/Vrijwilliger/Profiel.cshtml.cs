using System.Globalization;
using Kring.Web.Input;
using Kring.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Vrijwilliger;

/// <summary>The volunteer's kinds of help, skills and travel radius.</summary>
public sealed class ProfielModel(IGrainFactory grains) : PageModel
{
    [BindProperty] public List<string> Kinds { get; set; } = [];
    [BindProperty] public List<string> Skills { get; set; } = [];
    /// <summary>Bound as text and read with a dot or comma, whatever the page's culture.</summary>
    [BindProperty] public string? MaxKm { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Mobile { get; set; }
    [BindProperty] public bool OffersByMail { get; set; } = true;
    [BindProperty] public bool SharePhone { get; set; }
    [BindProperty] public string? QuietFrom { get; set; }
    [BindProperty] public string? QuietUntil { get; set; }
    [BindProperty] public bool Reminders { get; set; } = true;
    public VolunteerProfile? Profile { get; private set; }
    public string HomeVillage { get; private set; } = "";
    public bool Saved { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task OnGet(bool saved = false)
    {
        Saved = saved;
        await Load();
        if (Profile is { } p)
        {
            Kinds = p.Kinds.Select(k => k.Code()).ToList();
            Skills = p.Skills.ToList();
            MaxKm = PreferencesInput.Km(p.MaxKm);
            SetContact(p.Contact);
        }
    }

    /// <summary>How Kring reaches the volunteer, and what the carer may see once matched.</summary>
    public async Task<IActionResult> OnPostContact()
    {
        await Load();
        if (Profile is null) return NotFound();
        Kinds = Profile.Kinds.Select(k => k.Code()).ToList();
        Skills = Profile.Skills.ToList();
        MaxKm = PreferencesInput.Km(Profile.MaxKm);
        var language = Localisation.FrontEndSetup.IsEnglish ? "en" : "nl";
        var contact = ContactInput.Parse(Email, Mobile, OffersByMail, SharePhone, language, Errors, QuietFrom, QuietUntil, Reminders);
        if (contact is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await Volunteer.SetContact(contact);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPost()
    {
        await Load();
        if (Profile is null) return NotFound();
        SetContact(Profile.Contact);
        var preferences = PreferencesInput.Parse(Kinds, Skills, MaxKm, Errors);
        if (preferences is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await Volunteer.UpdatePreferences(preferences.Kinds, preferences.Skills, preferences.MaxKm);
        return RedirectToPage(new { saved = true });
    }

    private void SetContact(ContactDetails? c) =>
        (Email, Mobile, OffersByMail, SharePhone, QuietFrom, QuietUntil, Reminders) =
            (c?.Email, c?.Mobile, c?.OffersByMail ?? true, c?.SharePhone ?? false,
                c?.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture),
                c?.QuietUntil?.ToString("HH:mm", CultureInfo.InvariantCulture),
                c?.Reminders ?? true);

    private async Task Load()
    {
        Profile = await Volunteer.GetProfile();
        if (Profile is not null)
        {
            var village = await grains.GetGrain<IVillageGrain>(Profile.HomeVillage).GetInfo();
            HomeVillage = village?.Name ?? Profile.HomeVillage;
        }
    }

    private IVolunteerGrain Volunteer => grains.GetGrain<IVolunteerGrain>(KringUser.From(User)!.VolunteerId!);
}
