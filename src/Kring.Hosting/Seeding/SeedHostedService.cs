using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kring.Hosting.Seeding;

/// <summary>
/// Loads the municipality (and, in demo mode, the fictional population and demo accounts) once. Every step is an
/// upsert, so an interrupted load simply runs again on the next start.
/// </summary>
public sealed partial class SeedHostedService(
    IGrainFactory grains, IOptions<KringSettings> settings, ILogger<SeedHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CreateFirstOperator();
        foreach (var id in SeedFiles.Municipalities(settings.Value.Municipalities)) await Load(id);
    }

    private async Task Load(string id)
    {
        var municipality = SeedFiles.Municipality(id);
        var demo = settings.Value.Demo ? SeedFiles.Demo(id) : null;
        var version = demo is null ? municipality.Version : municipality.Version + "+demo";
        var marker = grains.GetGrain<ISeedGrain>(municipality.Region.Id);
        if (await marker.GetLoadedVersion() == version) return;

        var started = TimeProvider.System.GetTimestamp();
        await LoadMunicipality(municipality, demo);
        if (demo is not null) await LoadDemo(demo, municipality);
        await marker.MarkLoaded(version);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        LogSeedLoaded(logger, version, elapsed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateFirstOperator()
    {
        var first = settings.Value.FirstOperator;
        if (string.IsNullOrWhiteSpace(first.UserName)) return;
        var userName = first.UserName.Trim().ToLowerInvariant();
        if (first.Password is not { Length: >= FirstOperatorSettings.MinPasswordLength })
        {
            LogOperatorPasswordTooShort(logger, FirstOperatorSettings.MinPasswordLength);
            return;
        }
        var grain = grains.GetGrain<IAccountGrain>(userName);
        // Every start of every silo comes here; only the first needs the (deliberately slow) password hash.
        if (await grain.Get() is not null) return;
        var account = new AccountRecord(userName, first.DisplayName, Passwords.Hash(first.Password), Role.Operator, null, null, null, null);
        if (await grain.Create(account)) LogOperatorCreated(logger, userName);
    }

    private async Task LoadMunicipality(MunicipalitySeed seed, DemoSeed? demo)
    {
        await grains.GetGrain<IDirectoryGrain>(DirectoryKeys.Default).RegisterMunicipality(new(seed.Region.Id, seed.Region.Name));
        foreach (var village in seed.Villages)
        {
            var contact = demo?.Accounts.FirstOrDefault(a => a.Role == Role.VillageContact && a.Village == village.Id)?.DisplayName ?? "";
            var initiatives =
                seed.Initiatives.Where(i => i.Village == village.Id).Select(i => new Initiative(i.Name, i.Description)).ToList();
            await grains.GetGrain<IVillageGrain>(village.Id).Define(
                new VillageInfo(
                    village.Id, village.Name, seed.Region.Id, village.Lat, village.Lon, contact, initiatives, village.Neighbours));
        }
        foreach (var partner in seed.Partners)
        {
            await grains.GetGrain<IPartnerGrain>(partner.Id).Define(
                new PartnerInfo(partner.Id, partner.Name, partner.Description, partner.Services, partner.Villages,
                    Address: partner.Address, OpeningHours: partner.OpeningHours, Phone: partner.Phone, Website: partner.Website,
                    Municipality: seed.Region.Id));
        }
    }

    private async Task LoadDemo(DemoSeed seed, MunicipalitySeed municipalitySeed)
    {
        var municipality = municipalitySeed.Region.Id;
        var circles = DemoPopulation.Circles(seed);
        var volunteers = DemoPopulation.Volunteers(seed);
        await InBatches(circles, circle => grains.GetGrain<ICarerCircleGrain>(circle.Id).Register(circle));
        await InBatches(volunteers, async v =>
        {
            var grain = grains.GetGrain<IVolunteerGrain>(v.Profile.Id);
            await grain.Register(v.Profile);
            await grain.SetAvailability(v.Availability);
        });
        await LoadHistory(seed, municipalitySeed, circles, volunteers.Select(v => v.Profile).ToList());

        var hash = Passwords.Hash(seed.Password);
        foreach (var account in seed.Accounts)
        {
            if (account.Volunteer is { } v)
            {
                await grains.GetGrain<IVolunteerGrain>(v.Id).Register(
                    new VolunteerProfile(
                        v.Id, account.DisplayName, account.Village!, v.MaxKm, v.Kinds, v.Skills, v.MaxHoursPerWeek, v.Partner,
                        DemoContact(account)));
            }
            if (account.Circle is { } c)
            {
                await grains.GetGrain<ICarerCircleGrain>(c.Id).Register(
                    new CircleProfile(
                        c.Id, account.Village!, account.DisplayName, c.CarerAge, c.CareRecipientName, c.Relationship, c.CareNeeds,
                        c.Phone, c.Address, DemoContact(account)));
            }
            if (account.Member is { } m) await AddMember(account, m);
            await grains.GetGrain<IAccountGrain>(account.UserName).Set(new AccountRecord(
                account.UserName, account.DisplayName, hash, account.Role, account.Village, account.Volunteer?.Id ?? account.Member?.Id,
                account.Circle?.Id ?? account.Member?.Circle,
                account.Partner ?? account.Volunteer?.Partner,
                Email: DemoContact(account).Email,
                MunicipalityId: IsStaff(account.Role) ? municipality : null));
        }
    }

    /// <summary>Six months of made-up history, so the reports and charts tell something on first start (see DemoHistory).</summary>
    private async Task LoadHistory(
        DemoSeed seed, MunicipalitySeed municipality, IReadOnlyList<CircleProfile> circles, IReadOnlyList<VolunteerProfile> volunteers)
    {
        var now = TimeProvider.System.GetUtcNow();
        await InBatches(DemoHistory.Circles(seed, circles, volunteers, now),
            past => grains.GetGrain<ICarerCircleGrain>(past.CircleId).RecordPast(past.Requests, past.CheckIns));
        var partners = municipality.Partners.Select(p => new PartnerInfo(p.Id, p.Name, p.Description, p.Services, p.Villages)).ToList();
        var ratings = DemoHistory.Ratings(seed, partners, municipality.Villages.Select(v => v.Id).ToList(), now).ToList();
        await InBatches(ratings, r => grains.GetGrain<INetworkHealthGrain>(r.Village).Rate(r.Rating));
        var year = Amsterdam.ToLocal(now).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await InBatches(circles.Where((_, i) => i % 3 == 0).ToList(),
            c => grains.GetGrain<IAppreciationGrain>(year).MarkReceived(c.Id, "demo"));
    }

    /// <summary>A demo member of a circle's own people: their schedule, and their place in the circle, without an invitation.</summary>
    private async Task AddMember(DemoAccountSeed account, DemoMemberSeed m)
    {
        var contact = DemoContact(account) with { OffersByMail = false };
        await grains.GetGrain<IVolunteerGrain>(m.Id).Register(
            new VolunteerProfile(m.Id, account.DisplayName, account.Village!, 0, [], [], 0, null, contact, OwnCircleId: m.Circle));
        var circle = grains.GetGrain<ICarerCircleGrain>(m.Circle);
        await circle.AddMember(
            new CircleMember(m.Id, account.DisplayName, contact.Email!, m.Relation, account.UserName, DateTimeOffset.UtcNow, "seed"),
            null, null);
        await circle.SetUsualTimes(m.Id, m.UsualTimes);
    }

    /// <summary>
    /// Staff work for the municipality whose seed made them; the demo's operator is the platform's, who sees them all.
    /// </summary>
    private static bool IsStaff(Role role) =>
        role is Role.CarerConsultant or Role.VillageContact or Role.Coordinator or Role.KeyFigure or Role.Professional;

    /// <summary>Every demo account has the address &lt;username&gt;@example.org, a domain that never receives mail.</summary>
    private static ContactDetails DemoContact(DemoAccountSeed account) => new($"{account.UserName}@example.org", null, SharePhone: true);

    private static async Task InBatches<T>(IReadOnlyList<T> items, Func<T, Task> load)
    {
        const int batch = 32;
        for (var i = 0; i < items.Count; i += batch)
        {
            await Task.WhenAll(items.Skip(i).Take(batch).Select(load));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded seed {Version} in {Elapsed}")]
    private static partial void LogSeedLoaded(ILogger logger, string version, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Kring:FirstOperator:Password must have at least {Length} characters; no operator account was created")]
    private static partial void LogOperatorPasswordTooShort(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first operator account {UserName}")]
    private static partial void LogOperatorCreated(ILogger logger, string userName);
}
