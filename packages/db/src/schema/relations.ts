// Relations for Drizzle's relational queries (`db.query.orders.findFirst({ with: … })`).
import { relations } from "drizzle-orm";

import { areas, serviceZones } from "./areas";
import { cartItems, carts, customerAddresses } from "./customers";
import { couriers } from "./couriers";
import { deliveryOffers } from "./dispatch";
import { reviews } from "./engagement";
import { userRoles, users } from "./identity";
import {
  menuCategories,
  menuItemModifierGroups,
  menuItems,
  modifierGroups,
  modifiers,
} from "./menus";
import { merchantClosures, merchantHours, merchantMembers, merchants } from "./merchants";
import { orderEvents, orderItems, orders } from "./orders";
import { payments } from "./payments";

export const usersRelations = relations(users, ({ many, one }) => ({
  roles: many(userRoles),
  addresses: many(customerAddresses),
  memberships: many(merchantMembers),
  courier: one(couriers, { fields: [users.id], references: [couriers.userId] }),
}));

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
  area: one(areas, { fields: [userRoles.areaId], references: [areas.id] }),
}));

export const areasRelations = relations(areas, ({ one, many }) => ({
  parent: one(areas, { fields: [areas.parentId], references: [areas.id], relationName: "parent" }),
  children: many(areas, { relationName: "parent" }),
  zones: many(serviceZones),
}));

export const serviceZonesRelations = relations(serviceZones, ({ one }) => ({
  area: one(areas, { fields: [serviceZones.areaId], references: [areas.id] }),
}));

export const merchantsRelations = relations(merchants, ({ one, many }) => ({
  zone: one(serviceZones, { fields: [merchants.zoneId], references: [serviceZones.id] }),
  hours: many(merchantHours),
  closures: many(merchantClosures),
  members: many(merchantMembers),
  categories: many(menuCategories),
  items: many(menuItems),
  orders: many(orders),
}));

export const merchantHoursRelations = relations(merchantHours, ({ one }) => ({
  merchant: one(merchants, { fields: [merchantHours.merchantId], references: [merchants.id] }),
}));

export const merchantClosuresRelations = relations(merchantClosures, ({ one }) => ({
  merchant: one(merchants, { fields: [merchantClosures.merchantId], references: [merchants.id] }),
}));

export const merchantMembersRelations = relations(merchantMembers, ({ one }) => ({
  merchant: one(merchants, { fields: [merchantMembers.merchantId], references: [merchants.id] }),
  user: one(users, { fields: [merchantMembers.userId], references: [users.id] }),
}));

export const menuCategoriesRelations = relations(menuCategories, ({ one, many }) => ({
  merchant: one(merchants, { fields: [menuCategories.merchantId], references: [merchants.id] }),
  items: many(menuItems),
}));

export const menuItemsRelations = relations(menuItems, ({ one, many }) => ({
  merchant: one(merchants, { fields: [menuItems.merchantId], references: [merchants.id] }),
  category: one(menuCategories, {
    fields: [menuItems.categoryId],
    references: [menuCategories.id],
  }),
  modifierGroups: many(menuItemModifierGroups),
}));

export const menuItemModifierGroupsRelations = relations(menuItemModifierGroups, ({ one }) => ({
  item: one(menuItems, { fields: [menuItemModifierGroups.itemId], references: [menuItems.id] }),
  group: one(modifierGroups, {
    fields: [menuItemModifierGroups.groupId],
    references: [modifierGroups.id],
  }),
}));

export const modifierGroupsRelations = relations(modifierGroups, ({ many }) => ({
  modifiers: many(modifiers),
}));

export const modifiersRelations = relations(modifiers, ({ one }) => ({
  group: one(modifierGroups, { fields: [modifiers.groupId], references: [modifierGroups.id] }),
}));

export const customerAddressesRelations = relations(customerAddresses, ({ one }) => ({
  user: one(users, { fields: [customerAddresses.userId], references: [users.id] }),
}));

export const cartsRelations = relations(carts, ({ one, many }) => ({
  merchant: one(merchants, { fields: [carts.merchantId], references: [merchants.id] }),
  items: many(cartItems),
}));

export const cartItemsRelations = relations(cartItems, ({ one }) => ({
  cart: one(carts, { fields: [cartItems.cartId], references: [carts.id] }),
  item: one(menuItems, { fields: [cartItems.itemId], references: [menuItems.id] }),
}));

export const couriersRelations = relations(couriers, ({ one, many }) => ({
  user: one(users, { fields: [couriers.userId], references: [users.id] }),
  homeZone: one(serviceZones, { fields: [couriers.homeZoneId], references: [serviceZones.id] }),
  offers: many(deliveryOffers),
}));

export const ordersRelations = relations(orders, ({ one, many }) => ({
  customer: one(users, { fields: [orders.customerId], references: [users.id] }),
  merchant: one(merchants, { fields: [orders.merchantId], references: [merchants.id] }),
  courier: one(couriers, { fields: [orders.courierId], references: [couriers.id] }),
  zone: one(serviceZones, { fields: [orders.zoneId], references: [serviceZones.id] }),
  items: many(orderItems),
  events: many(orderEvents),
  payment: one(payments, { fields: [orders.id], references: [payments.orderId] }),
  reviews: many(reviews),
}));

export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
}));

export const orderEventsRelations = relations(orderEvents, ({ one }) => ({
  order: one(orders, { fields: [orderEvents.orderId], references: [orders.id] }),
}));

export const deliveryOffersRelations = relations(deliveryOffers, ({ one }) => ({
  order: one(orders, { fields: [deliveryOffers.orderId], references: [orders.id] }),
  courier: one(couriers, { fields: [deliveryOffers.courierId], references: [couriers.id] }),
}));

export const reviewsRelations = relations(reviews, ({ one }) => ({
  order: one(orders, { fields: [reviews.orderId], references: [orders.id] }),
}));
