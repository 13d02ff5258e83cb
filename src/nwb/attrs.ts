/**
 * Attribute names the tree projects onto every child it lists, so the tree can show each object's
 * NWB type without one getAttributes round trip per child.
 */
export const NEURODATA_ATTRS = ['neurodata_type', 'namespace'] as const;

/** NWB 1.x spelled the type attribute differently; the tree shows it when there is nothing newer. */
export const LEGACY_NEURODATA_ATTRS = ['ancestry', 'neurodata_type'] as const;
