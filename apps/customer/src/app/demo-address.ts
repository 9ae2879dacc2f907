// Where the home page looks for food until the customer picks an address: Praça do Rossio,
// in the Baixa-Chiado zone of the demo city.
export const DEMO_ADDRESS = { label: "Praça do Rossio, Baixa", lng: -9.1393, lat: 38.7139 };
