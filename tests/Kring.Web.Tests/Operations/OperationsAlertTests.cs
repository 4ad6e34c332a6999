using Kring.Testing;
using Kring.Web.Services;

namespace Kring.Web.Tests.Operations;

/// <summary>The alerts /Beheer shows: the rules of deploy/prometheus/alerts.yml that hold, judged from the grains' counts.</summary>
public sealed class OperationsAlertTests
{
    private static readonly ShardBacklog Quiet = new("stein", [new VillageBacklog("elsloo", 2, 0, 0)], OutstandingOffers: 1,
        LapsedToday: 3, Overdue: 0, StartingWithin24Hours: 0, WithCoordinator: 0, OldestFiledAt: null);
    private static readonly MailDesk.Overview NoMail = new(0, 0, 0, [], null);

    [Fact]
    public void A_quiet_cluster_raises_nothing()
    {
        Assert.Empty(OperationsDesk.Alerts([Quiet], NoMail, []));
    }

    [Fact]
    public void Each_rule_that_holds_is_named_with_its_figures_and_exists_in_the_alert_rules()
    {
        var mail = NoMail with
        {
            Parked = [new ParkedMail(new OutgoingMail("m-1", "a@example.nl", "Onderwerp", "Tekst", DateTimeOffset.UnixEpoch), 12,
                "550 refused", DateTimeOffset.UnixEpoch)],
        };
        var alerts = OperationsDesk.Alerts(
            [Quiet, Quiet with { Region = "ede", StartingWithin24Hours = 2 }, Quiet with { Region = "beek", Overdue = 1 }],
            mail, ["Silo_3 (127.0.0.1:11113)"]);

        Assert.Equal(["KringRequestUnmatchedNearStart", "KringShardBehindDeadline", "KringMailParked", "KringSiloDown"],
            alerts.Select(a => a.Rule));
        Assert.Equal([2, "ede"], alerts[0].Figures);
        Assert.Equal([1, "beek"], alerts[1].Figures);
        Assert.Equal([1], alerts[2].Figures);
        Assert.Equal(["Silo_3 (127.0.0.1:11113)"], alerts[3].Figures);
        var rules = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "prometheus", "alerts.yml"));
        Assert.All(alerts, a => Assert.Contains($"- alert: {a.Rule}\n", rules, StringComparison.Ordinal));
    }
}
