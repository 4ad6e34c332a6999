namespace Kring.Grains;

/// <summary>
/// Contacts with the carer as the village contact person and the consultant log them, and referrals to the consultant.
/// </summary>
public sealed partial class CarerCircleGrain
{
    /// <summary>The newest contacts kept per circle; older ones go when a new one comes.</summary>
    public const int MaxContacts = 200;

    public async Task<CircleContact> LogContact(CircleContact contact)
    {
        var profile = Profile;
        if (state.State.Contacts.FirstOrDefault(c => c.Id == contact.Id) is { } known) return known;
        state.State.Contacts.Add(contact);
        if (state.State.Contacts.Count > MaxContacts) state.State.Contacts.RemoveRange(0, state.State.Contacts.Count - MaxContacts);
        await _writeBehind.WriteNow();

        await Village.TrackContact(profile.Id, Heard(contact));
        if (contact.Kind == ContactKind.Referral)
        {
            var last = state.State.CheckIns.LastOrDefault();
            var level = last is { Level: > BalanceLevel.Attention } ? last.Level : BalanceLevel.Attention;
            await GrainFactory.GetGrain<ISignalsGrain>(DirectoryKeys.Default).Raise(new CarerSignal(
                profile.Id, profile.Village, contact.Note, last?.Score ?? 0, level, contact.LoggedAt, contact.Source));
        }
        return contact;
    }

    /// <summary>When the circle was last heard from through this contact: the start of its day, not later than logged.</summary>
    private static DateTimeOffset Heard(CircleContact contact)
    {
        var day = Amsterdam.FromLocal(contact.Date.ToDateTime(TimeOnly.MinValue));
        return day < contact.LoggedAt ? day : contact.LoggedAt;
    }

    public Task<IReadOnlyList<CircleContact>> GetContacts() =>
        Task.FromResult<IReadOnlyList<CircleContact>>(state.State.ErasedAt is null
            ? state.State.Contacts.OrderByDescending(c => c.Date).ThenByDescending(c => c.LoggedAt).ToList()
            : []);
}
