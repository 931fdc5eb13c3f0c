// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using Xunit;

// Cmdlet tests set the cmdlet's static environment; the collection attribute keeps those sequential, the rest parallel.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 2)]
