using Kring.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages;

/// <summary>
/// The page behind an offer mail's answer link. The link signs in nobody and grants one answer to one offer. Opening it
/// (GET) changes nothing, since mail scanners open links; the button on the page (POST, with antiforgery) answers.
/// </summary>
[AllowAnonymous]
public sealed class AntwoordModel(IGrainFactory grains, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "v")] public string? VolunteerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "o")] public string? OfferId { get; set; }
    [BindProperty(SupportsGet = true, Name = "a")] public string? Answer { get; set; }
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }

    public LinkedOffer? Offer { get; private set; }
    public bool Accepting => Answer == "ja";
    /// <summary>Why the button is not shown: what already happened to the offer, or that the link is not valid.</summary>
    public string? Outcome { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGet()
    {
        if (!await Load()) return Invalid();
        Outcome = Offer!.Offer.Status switch
        {
            OfferStatus.Accepted or OfferStatus.Accepting => "U heeft deze hulpvraag al aangenomen.",
            OfferStatus.Declined => "U heeft al nee gezegd op deze hulpvraag.",
            OfferStatus.Withdrawn => "Deze hulpvraag is al door een ander aangenomen of ingetrokken.",
            OfferStatus.Expired => "Deze hulpvraag is verlopen.",
            _ when Offer.ExpiresAt <= clock.GetUtcNow() => "Deze hulpvraag is verlopen.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPost()
    {
        if (!await Load()) return Invalid();
        if (Offer!.Offer.Status == OfferStatus.Pending && Offer.ExpiresAt <= clock.GetUtcNow())
        {
            Outcome = "Deze hulpvraag is verlopen.";
            return Page();
        }
        var reply = await grains.GetGrain<IVolunteerGrain>(VolunteerId!).AnswerByLink(OfferId!, Token!, Accepting);
        Done = reply is OfferReply.Accepted or OfferReply.Declined;
        Outcome = reply switch
        {
            OfferReply.Accepted => "Dank u wel! De hulpvraag is aan u gekoppeld. De mantelzorger hoort dat u komt.",
            OfferReply.Declined => "Dank u voor uw antwoord. We vragen een andere vrijwilliger.",
            OfferReply.Withdrawn or OfferReply.TakenByOther => "Deze hulpvraag is al door een ander aangenomen of ingetrokken.",
            _ => Problems.Explain(reply),
        };
        return Page();
    }

    private async Task<bool> Load()
    {
        if (string.IsNullOrEmpty(VolunteerId) || string.IsNullOrEmpty(OfferId) || string.IsNullOrEmpty(Token)
            || Answer is not ("ja" or "nee")
            || VolunteerId.Length > 100 || OfferId.Length > 200 || Token.Length > 100)
        {
            return false;
        }
        Offer = await grains.GetGrain<IVolunteerGrain>(VolunteerId).GetOfferByLink(OfferId, Token);
        return Offer is not null;
    }

    private PageResult Invalid()
    {
        Offer = null;
        Outcome =
            "Deze link is niet geldig. Misschien is hij niet helemaal overgenomen uit de e-mail. Kijk bij Mijn aanvragen na het inloggen.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
