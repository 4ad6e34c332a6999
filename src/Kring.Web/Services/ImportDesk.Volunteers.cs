using System.Globalization;
using Kring.Web.Import;
using Kring.Web.Input;
using Kring.Web.Security;

namespace Kring.Web.Services;

/// <summary>
/// A partner's volunteers from a file, by its coordinator. A new volunteer with an e-mail address is signed up as the
/// coordinator signs one up by hand (<see cref="VolunteerSignUp"/>, with an account and a user name made from the first
/// name), and the partner mails them the user name and one-time code; without an address the volunteer is made without an
/// account. A volunteer imported before is registered again when the file says something else, and never gets a second
/// account or mail. An empty e-mail or phone cell leaves what Kring holds.
/// </summary>
public static partial class ImportDesk
{
    /// <summary>Who imports volunteers, and the web request's services that make their accounts and log them.</summary>
    public sealed record Requester(KringUser User, Accounts Accounts, SecurityLog Log, HttpContext Http);

    private static readonly ImportProblem ErasedVolunteer = new(null,
        "Deze vrijwilliger is gewist en komt niet terug. Geef de rij een ander externalId als het om een nieuwe vrijwilliger gaat.");
    private static readonly ImportProblem OtherPartnersVolunteer =
        new(CsvImport.ExternalIdColumn, "Dit externalId hoort bij een vrijwilliger van een andere organisatie.");
    private static readonly ImportProblem MovedVolunteer =
        new("village", "Dit is een ander dorp dan dat van de vrijwilliger in Kring; een vrijwilliger verhuist niet met een import.");

    /// <summary>May the user import the partner's volunteers? Only its own coordinator. Also the partner and the villages.</summary>
    public static async Task<(Refusal Refusal, PartnerInfo? Partner, IReadOnlyList<VillageInfo> Villages)> VolunteerTarget(
        IGrainFactory grains, KringUser user, string partnerId)
    {
        if (user.Role != Role.Coordinator || user.PartnerId != partnerId) return (Refusal.NotAllowed, null, []);
        if (await grains.GetGrain<IPartnerGrain>(partnerId).GetInfo() is not { } partner) return (Refusal.NotAllowed, null, []);
        return (Refusal.None, partner, await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).GetVillages());
    }

    /// <summary>Reads, checks and (unless <paramref name="dryRun"/>) imports a file of the partner's volunteers.</summary>
    public static async Task<Outcome> Volunteers(IGrainFactory grains, Requester by, string partnerId, byte[] file, bool dryRun)
    {
        var (refusal, partner, villages) = await VolunteerTarget(grains, by.User, partnerId);
        if (refusal != Refusal.None) return new Outcome(refusal, dryRun, [], []);
        var read = VolunteerImportFile.Read(file, partner!, villages);
        if (read.Problems.Count > 0) return new Outcome(Refusal.Invalid, dryRun, [], read.Problems);
        var held = await InBatches(read.Rows, async row =>
        {
            var volunteer = grains.GetGrain<IVolunteerGrain>(row.Id);
            return (Profile: await volunteer.GetProfile(), Erased: await volunteer.IsErased());
        });
        var lines = new List<Line>();
        var problems = new List<RowProblems>();
        foreach (var (row, (profile, erased)) in read.Rows.Zip(held))
        {
            var problem = erased ? ErasedVolunteer
                : profile is null ? null
                : profile.PartnerId != partnerId ? OtherPartnersVolunteer
                : profile.HomeVillage != row.Profile.HomeVillage ? MovedVolunteer
                : null;
            if (problem is not null) problems.Add(new RowProblems(row.Row, [problem]));
            var change = profile is null ? Change.New : Same(profile, Wanted(profile, row)) ? Change.Unchanged : Change.Updated;
            lines.Add(new Line(row.Row, row.ExternalId, row.Id, row.Profile.DisplayName, change));
        }
        if (problems.Count > 0) return new Outcome(Refusal.Invalid, dryRun, [], problems);
        if (dryRun) return new Outcome(Refusal.None, dryRun, lines, []);

        var updates = read.Rows.Zip(held, lines).Where(w => w.Third.Change == Change.Updated).ToList();
        await InBatches(updates, w => grains.GetGrain<IVolunteerGrain>(w.First.Id).Register(Wanted(w.Second.Profile!, w.First)));
        var fresh = read.Rows.Where((_, i) => lines[i].Change == Change.New).ToList();
        var names = new UserNames();
        var made = await InBatches(fresh, row => SignUp(grains, by, partnerId, row, names));
        var userNames = fresh.Zip(made).Where(m => m.Second is not null).ToDictionary(m => m.First.Row, m => m.Second);
        return new Outcome(Refusal.None, dryRun,
            lines.Select(l => userNames.TryGetValue(l.Row, out var userName) ? l with { UserName = userName } : l).ToList(), []);
    }

    /// <summary>
    /// A new volunteer: with an e-mail address through the coordinator's sign-up, with an account whose user name and code the
    /// partner mails; without one, only the volunteer. Returns the account's user name, if one was made.
    /// </summary>
    private static async Task<string?> SignUp(IGrainFactory grains, Requester by, string partnerId, VolunteerImportRow row, UserNames names)
    {
        var volunteer = grains.GetGrain<IVolunteerGrain>(row.Id);
        var p = row.Profile;
        if (row.Contact?.Email is { } email)
        {
            var form = new VolunteerSignUp.Form(null, p.DisplayName, p.HomeVillage, p.Kinds.Select(k => k.Code()).ToList(), p.Skills,
                p.MaxKm.ToString(CultureInfo.InvariantCulture), p.MaxHoursPerWeek.ToString(CultureInfo.InvariantCulture));
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var errors = new FieldErrors();
                var made = await VolunteerSignUp.Run(grains, by.Accounts, by.Log, by.Http, partnerId, by.User.UserName,
                    form with { UserName = names.Next(p.DisplayName) }, null, errors, volunteerId: row.Id);
                if (made is null && errors.Has("userName")) continue;
                if (made is not { ActivationCode: { } code, ActivationExpiresAt: { } expires }) break;
                await volunteer.SetContact(row.Contact);
                await grains.GetGrain<IPartnerGrain>(partnerId).WelcomeVolunteer(p.DisplayName, email, made.UserName, code, expires);
                return made.UserName;
            }
        }
        // No address (or, very rarely, no free user name): the volunteer without an account, whom the coordinator books by hand.
        await volunteer.Register(p with { Contact = row.Contact });
        return null;
    }

    /// <summary>The volunteer as the row wants them: the row's details, and its address and number where it gives them.</summary>
    private static VolunteerProfile Wanted(VolunteerProfile held, VolunteerImportRow row) => held with
    {
        DisplayName = row.Profile.DisplayName,
        MaxKm = row.Profile.MaxKm,
        Kinds = row.Profile.Kinds,
        Skills = row.Profile.Skills,
        MaxHoursPerWeek = row.Profile.MaxHoursPerWeek,
        Contact = row.Contact is not { } given ? held.Contact
            : (held.Contact ?? given) with { Email = given.Email ?? held.Contact?.Email, Mobile = given.Mobile ?? held.Contact?.Mobile },
    };

    private static bool Same(VolunteerProfile held, VolunteerProfile wanted) =>
        held.DisplayName == wanted.DisplayName && held.MaxKm == wanted.MaxKm && held.MaxHoursPerWeek == wanted.MaxHoursPerWeek
        && SameSet(held.Kinds, wanted.Kinds) && SameSet(held.Skills, wanted.Skills) && held.Contact == wanted.Contact;

    /// <summary>The user names given during one import, none twice, so two new volunteers never race for the same one.</summary>
    private sealed class UserNames
    {
        private readonly HashSet<string> _given = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public string Next(string name)
        {
            lock (_lock)
            {
                var userName = AccountDesk.SuggestUserName(name, "vrijwilliger");
                while (!_given.Add(userName)) userName = AccountDesk.SuggestUserName(name, "vrijwilliger");
                return userName;
            }
        }
    }
}
