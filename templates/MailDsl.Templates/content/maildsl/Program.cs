// emit, check, show, ciphers: `dotnet run -- --help` lists them with examples.
return ContosoMail.Run(args);
