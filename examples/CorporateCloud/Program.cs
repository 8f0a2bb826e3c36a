return Examples.CorporateCloud.Run(args);
