await Kring.Web.KringWebApp.Build(args).RunAsync();
