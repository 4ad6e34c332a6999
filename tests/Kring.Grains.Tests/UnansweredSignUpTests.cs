using Kring.Grains.Tests.Infrastructure;

namespace Kring.Grains.Tests;

/// <summary>
/// The retention sweep lets a volunteer's application and a carer's registration lapse when nobody answered them. On a
/// cluster of its own, as it moves the manual clock by months.
/// </summary>
public sealed class UnansweredSignUpTests(WaveOfOneCluster cluster) : IClassFixture<WaveOfOneCluster>
{
    private readonly World _world = new(cluster.Client);

    [Fact]
    public async Task A_sign_up_or_registration_nobody_answered_lapses_with_a_mail_after_ninety_days()
    {
        var w = _world;
        var village = await w.Village("aanmeld");
        var partner = await w.Partner("maatjes", PartnerService.Buddy, village);
        var sweep = cluster.Client.GetGrain<IRetentionGrain>(village);
        var applicant = $"{w.Id("aanmelder")}@example.org";
        var referrer = $"{w.Id("buur")}@example.org";
        var now = cluster.Clock.GetUtcNow();
        await w.PartnerGrain(partner).Apply(
            new VolunteerApplication(w.Id("a"), "Ada Aanmelder", applicant, null, village, [HelpKind.Buddy], 5, null, now));
        var profile = new CircleProfile(w.Id("c"), village, "Iris Intake", 70, "Henk", "partner", [], "0461234567", "Dorpsstraat 1");
        var intake = cluster.Client.GetGrain<IIntakeGrain>("default");
        await intake.Submit(new CircleIntake(w.Id("i"), profile, "Joke, buurvrouw", referrer, null, now));

        await cluster.AdvanceClock(new RetentionOptions().Unanswered - TimeSpan.FromDays(1));
        Assert.Equal(0, (await sweep.Sweep()).Unanswered);
        await cluster.AdvanceClock(TimeSpan.FromDays(2));
        Assert.Equal(2, (await sweep.Sweep()).Unanswered);

        Assert.Empty(await w.PartnerGrain(partner).GetApplications());
        Assert.DoesNotContain(await intake.GetWaiting(), i => i.Id == w.Id("i"));
        foreach (var (address, id) in new[] { (applicant, $"application/{w.Id("a")}/lapsed"), (referrer, $"intake/{w.Id("i")}/lapsed") })
        {
            Assert.Contains(id, (await w.Grains.GetGrain<IMailOutboxGrain>(MailOutboxes.For(address)).GetStatus()).PendingIds!);
        }
    }
}
