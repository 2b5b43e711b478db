/**
 * Entry of the task pane bundle: connect to Excel (or start the browser preview) and render the pane
 * inside Fluent's provider with Office's light theme.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { connectWorkbook } from "./connectWorkbook";

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (container === null) throw new Error("taskpane.html has no #root element");
  const connection = await connectWorkbook(window.location.search);
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App connection={connection} />
    </FluentProvider>,
  );
}

void start();
