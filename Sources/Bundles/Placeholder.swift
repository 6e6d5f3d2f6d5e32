enum BundlesPlaceholder {}
