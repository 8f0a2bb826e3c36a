return Examples.SeedAsWritten.Run(args);
