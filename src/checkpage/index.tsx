import { createRoot } from "react-dom/client";
import { CheckPage } from "./App";

document.documentElement.lang = "vi";
let container = document.getElementById("root");
if (!container) {
  container = document.createElement("div");
  container.id = "root";
  document.body.appendChild(container);
}
createRoot(container).render(<CheckPage />);
