using System.Globalization;
using System.Text.RegularExpressions;
using Kring.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kring.Web.Pages.Signalen;

[Authorize(Roles = nameof(Role.CarerConsultant))]
public sealed partial class IndexModel(IGrainFactory grains, Kring.Web.Privacy.AccessLog log) : PageModel
{
    public IReadOnlyList<CarerSignal> Signals { get; private set; } = [];

    public async Task OnGet()
    {
        var user = KringUser.Current(HttpContext);
        Signals = (await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).GetSignals()).Where(s => user.InScope(s.Village)).ToList();
        await log.Record(HttpContext, Signals.Select(s => s.CircleId), AccessKind.Listed);
    }

    /// <summary>The consultant took up a referral; it leaves the list.</summary>
    public async Task<IActionResult> OnPostHandled(string? kring)
    {
        if (!string.IsNullOrWhiteSpace(kring)) await grains.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Handled(kring.Trim());
        return RedirectToPage();
    }

    /// <summary>A check-in's reason in the page's language; a referral's reason is the referrer's own words, shown as written.</summary>
    public static string Reason(CarerSignal signal)
    {
        if (signal.Source is not null) return signal.Reason;
        if (Overloaded().Match(signal.Reason) is { Success: true } overloaded)
        {
            return Texts.T("Overbelast: score {0} van 100.", Number(overloaded, 1));
        }
        if (Rising().Match(signal.Reason) is { Success: true } rising)
        {
            return Texts.T("Stijgende belasting: van {0} naar {1}.", Number(rising, 1), Number(rising, 2));
        }
        return signal.Reason;
    }

    /// <summary>Who referred, such as "Daan Fictief, dorpscontactpersoon", with the role in the page's language.</summary>
    public static string Referrer(string source)
    {
        var comma = source.LastIndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? source : $"{source[..comma]}, {Texts.T(source[(comma + 2)..])}";
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // The grain words a check-in's signal in Dutch (BalanceCheck.SignalReason); these read it back.
    [GeneratedRegex(@"^Overbelast: score (\d+) van 100\.$")]
    private static partial Regex Overloaded();

    [GeneratedRegex(@"^Stijgende belasting: van (\d+) naar (\d+)\.$")]
    private static partial Regex Rising();
}
