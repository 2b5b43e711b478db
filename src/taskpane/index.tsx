/**
 * Entry of the task pane bundle: render the pane inside Fluent's provider with Office's light theme
 * at once ("Connecting to Excel…"), and let it connect to Excel or start the browser preview.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { PaneRoot } from "./PaneRoot";

const container = document.getElementById("root");
if (container === null) throw new Error("taskpane.html has no #root element");
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <PaneRoot search={window.location.search} browserLanguage={navigator.language} />
  </FluentProvider>,
);
