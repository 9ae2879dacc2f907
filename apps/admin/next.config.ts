import { withLastmile } from "@lastmile/next-config";

export default withLastmile();
