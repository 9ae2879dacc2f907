// What a spatial lookup answers when no place of ours covers the point: a value the portals show
// ("we don't deliver here yet"), not an exception.
export type TOutside = { found: false; reason: "outside_delivery_area"; message: string };

export const outsideDeliveryArea = (message = "This address is outside our delivery area."): TOutside => ({
  found: false,
  reason: "outside_delivery_area",
  message,
});
