return await ChatOps.ChatOpsApp.RunAsync(args);
