using Kring.Grains.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kring.Hosting.Mail;

public static class MailHosting
{
    /// <summary>The links in mail; grains need it wherever they run.</summary>
    public static IServiceCollection AddKringPublicAddress(this IServiceCollection services)
    {
        services.TryAddSingleton<IPublicAddress, PublicAddress>();
        return services;
    }

    /// <summary>Mail delivery on a silo: SMTP when Kring:Mail:Host is set, .eml files in the data directory otherwise.</summary>
    public static IServiceCollection AddKringMailDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var mail = configuration.GetSection(MailSettings.Section).Get<MailSettings>() ?? new MailSettings();
        var kring = configuration.GetSection(KringSettings.Section).Get<KringSettings>() ?? new KringSettings();
        services.AddSingleton(mail);
        services.AddSingleton<IMailTransport>(string.IsNullOrWhiteSpace(mail.Host)
            ? new PickupDirectoryTransport(Path.Combine(kring.FullDataDirectory, "mail"))
            : new SmtpTransport(mail));
        services.AddHostedService<MailDelivery>();
        return services;
    }
}
