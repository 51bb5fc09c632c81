return await Monitor.Cli.MonitorCli.RunAsync(args);
