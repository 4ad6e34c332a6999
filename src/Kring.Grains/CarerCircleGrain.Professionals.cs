using Kring.Grains.Mail;

namespace Kring.Grains;

/// <summary>
/// Professionals around the carer: linked by the consultant, let in by the carer's consent. The professional's own list of
/// circles (<see cref="AccountLinks.Professional"/>) follows the consent, so it never lists a circle they may not see.
/// </summary>
public sealed partial class CarerCircleGrain
{
    public const int MaxProfessionals = 20;

    public async Task<ProfessionalLink> LinkProfessional(ProfessionalLink link)
    {
        _ = Profile;
        if (state.State.Professionals.FirstOrDefault(p => p.UserName == link.UserName) is { } known) return known;
        if (state.State.Professionals.Count >= MaxProfessionals)
        {
            throw new LimitReachedException("Er zijn al genoeg zorgprofessionals gekoppeld.",
                $"Een kring heeft hooguit {MaxProfessionals} zorgprofessionals.");
        }
        var linked = link with { ConsentedAt = null };
        state.State.Professionals.Add(linked);
        await _writeBehind.WriteNow();
        var carer = MailTexts.FirstName(Profile.CarerName);
        await QueueCarerMail(contact =>
            ProfessionalMail.Linked(this.GetPrimaryKeyString(), linked, carer, contact.Email!, contact, links.Base, clock.GetUtcNow()));
        return linked;
    }

    public async Task<bool> ConsentProfessional(string userName, DateTimeOffset at)
    {
        _ = Profile;
        var index = state.State.Professionals.FindIndex(p => p.UserName == userName);
        if (index < 0) return false;
        if (state.State.Professionals[index].ConsentedAt is null)
        {
            state.State.Professionals[index] = state.State.Professionals[index] with { ConsentedAt = at };
            await _writeBehind.WriteNow();
        }
        await GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Professional(userName)).Link(this.GetPrimaryKeyString());
        return true;
    }

    public async Task<bool> SetVisibleToKeyFigures(bool visible)
    {
        if (state.State is not { Profile: not null, ErasedAt: null }) return false;
        if (state.State.VisibleToKeyFigures == visible) return true;
        state.State.VisibleToKeyFigures = visible;
        await _writeBehind.WriteNow();
        return true;
    }

    public async Task<bool> UnlinkProfessional(string userName)
    {
        var removed = state.State.Professionals.RemoveAll(p => p.UserName == userName) > 0;
        if (removed) await _writeBehind.WriteNow();
        await GrainFactory.GetGrain<IAccountLinksGrain>(AccountLinks.Professional(userName)).Unlink(this.GetPrimaryKeyString());
        return removed;
    }
}
