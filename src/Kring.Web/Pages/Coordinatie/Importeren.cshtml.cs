using Kring.Web.Security;
using Kring.Web.Services;
using Microsoft.AspNetCore.Authorization;

namespace Kring.Web.Pages.Coordinatie;

/// <summary>
/// The coordinator imports their partner's volunteers from a CSV file; new volunteers with an e-mail address get their
/// user name and code by mail. The same use case as the API (<see cref="ImportDesk"/>).
/// </summary>
[Authorize(Policy = AuthSetup.Policies.Coordinator)]
public sealed class ImporterenModel(IGrainFactory grains, Accounts accounts, SecurityLog log) : ImportPageModel
{
    public PartnerInfo? Partner { get; private set; }

    protected override async Task Load() =>
        Partner = await grains.GetGrain<IPartnerGrain>(KringUser.Current(HttpContext).PartnerId!).GetInfo();

    protected override async Task<ImportDesk.Outcome?> Import(byte[] file, bool dryRun)
    {
        var user = KringUser.Current(HttpContext);
        return await ImportDesk.Volunteers(grains, new ImportDesk.Requester(user, accounts, log, HttpContext), user.PartnerId!, file,
            dryRun);
    }
}
